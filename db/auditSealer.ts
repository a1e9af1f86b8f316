/**
 * Seals the audit chain heads (migrations/025_audit_seals.sql): for every case whose chain grew
 * since it was last sealed, checks that the new rows extend the sealed head (the sealed row still
 * has its sealed hash, each newer row hashes from the one before it), records the new head, and
 * signs the digest over every case's sealed head with the sealer's Ed25519 key.
 *
 * It never seals over tampering: a case whose chain ends before its sealed head, lost the row
 * there, or does not extend it keeps its old sealed head and is reported, so the next
 * `audit:verify` still finds the damage; the other cases are sealed as usual.
 *
 * Runs as the sealer role (SELECT on case_events, SELECT and INSERT on the seal tables); the
 * private key is the caller's, read from a file the app cannot read.
 */
import type { KeyObject } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { DbChainRow } from './auditChain';
import { chainHash, SELECT_ROWS, toChainRow } from './auditChain';
import type { SealedHead, SealMismatch } from './auditSealStatement';
import { compareWithSeal, describeMismatch, HeadsDigest, keyIdOf, signStatement } from './auditSealStatement';
import { forEachSealedHead } from './auditSealStore';
import { withSessionLock } from './sessionLock';

/** Arbitrary but fixed: two sealers at once would each sign a map without the other's heads. */
const SEAL_LOCK_KEY = '7395121000420';

export interface SealOptions {
  privateKey: KeyObject;
  /** Cases whose new rows are checked per query. */
  batchSize?: number;
}

export interface SealRefusal {
  caseId: string;
  reason: SealMismatch | 'broken';
  message: string;
}

export interface SealResult {
  sealId: string;
  sealedAt: string;
  keyId: string;
  /** Cases in the sealed map. */
  caseCount: number;
  /** Heads this seal added (cases new or grown since the last seal). */
  changedCount: number;
  /** Cases left at their old sealed head because their chain does not extend it. */
  refused: SealRefusal[];
}

interface Candidate {
  case_id: string;
  head_pos: number | null;
  sealed_pos: number | null;
  sealed_seq: number | null;
  sealed_hash: Buffer | null;
}

export async function sealAuditHeads(pool: Pool, options: SealOptions): Promise<SealResult> {
  // The lock is taken before the transaction: its snapshot must start after the previous sealer committed.
  return withSessionLock(pool, SEAL_LOCK_KEY, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      const result = await sealInTransaction(client, options);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

async function sealInTransaction(client: PoolClient, options: SealOptions): Promise<SealResult> {
  const batchSize = options.batchSize ?? 500;
  const refused: SealRefusal[] = [];
  const accepted: SealedHead[] = [];

  // Cases whose newest chain position differs from their sealed one (or that only one side has).
  const { rows: candidates } = await client.query<Candidate>(`
    WITH heads AS (SELECT DISTINCT ON (case_id) case_id, chain_pos FROM case_events ORDER BY case_id, chain_pos DESC),
         sealed AS (SELECT DISTINCT ON (case_id) case_id, chain_pos, seq, head_hash
                      FROM audit_seal_heads ORDER BY case_id, seal_id DESC)
    SELECT coalesce(h.case_id, s.case_id) AS case_id, h.chain_pos AS head_pos,
           s.chain_pos AS sealed_pos, s.seq AS sealed_seq, s.head_hash AS sealed_hash
      FROM heads h FULL JOIN sealed s ON s.case_id = h.case_id
     WHERE h.chain_pos IS DISTINCT FROM s.chain_pos`);

  const grown: Candidate[] = [];
  for (const c of candidates) {
    const sealed = sealedHeadOf(c);
    if (sealed !== null && (c.head_pos === null || c.head_pos < sealed.chainPos)) {
      const now = { hashAtSealedPos: null, headPos: c.head_pos };
      const kind = compareWithSeal(sealed, now) ?? 'truncated';
      refused.push({ caseId: c.case_id, reason: kind, message: describeMismatch(sealed, kind, now) });
    } else {
      grown.push(c);
    }
  }
  for (let i = 0; i < grown.length; i += batchSize) {
    const batch = grown.slice(i, i + batchSize);
    const { rows } = await client.query<DbChainRow>(
      `SELECT r.* FROM unnest($1::text[], $2::int[]) AS f(cid, from_pos)
         CROSS JOIN LATERAL (${SELECT_ROWS} WHERE case_id = f.cid AND chain_pos >= f.from_pos) r
        ORDER BY r.case_id, r.chain_pos`,
      [batch.map((c) => c.case_id), batch.map((c) => c.sealed_pos ?? 0)]
    );
    const byCase = new Map<string, DbChainRow[]>();
    for (const row of rows) {
      const caseRows = byCase.get(row.case_id);
      if (caseRows) caseRows.push(row);
      else byCase.set(row.case_id, [row]);
    }
    for (const c of batch) {
      const outcome = extendSealedHead(c, byCase.get(c.case_id) ?? []);
      if ('refusal' in outcome) refused.push(outcome.refusal);
      else accepted.push(outcome.head);
    }
  }

  const { rows: ids } = await client.query<{ id: string; sealed_at: string }>(
    `SELECT nextval(pg_get_serial_sequence('audit_seals', 'id'))::text AS id,
            to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sealed_at`
  );
  const { id: sealId, sealed_at: sealedAt } = ids[0] ?? { id: '', sealed_at: '' };
  for (let i = 0; i < accepted.length; i += 5_000) {
    const heads = accepted.slice(i, i + 5_000);
    await client.query(
      `INSERT INTO audit_seal_heads (seal_id, case_id, chain_pos, seq, head_hash)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::bytea[])`,
      [
        sealId,
        heads.map((h) => h.caseId),
        heads.map((h) => h.chainPos),
        heads.map((h) => h.seq),
        heads.map((h) => h.headHash),
      ]
    );
  }

  const digest = new HeadsDigest();
  await forEachSealedHead(client, sealId, 5_000, (heads) => {
    for (const head of heads) digest.add(head);
  });
  const statement = {
    sealId,
    sealedAt,
    keyId: keyIdOf(options.privateKey),
    caseCount: digest.count,
    changedCount: accepted.length,
    headsDigest: digest.digest(),
  };
  const signature = signStatement(statement, options.privateKey);
  await client.query(
    `INSERT INTO audit_seals (id, sealed_at, key_id, case_count, changed_count, heads_digest, signature)
     VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7)`,
    [sealId, sealedAt, statement.keyId, statement.caseCount, statement.changedCount, statement.headsDigest, signature]
  );
  return { ...statement, refused };
}

function sealedHeadOf(c: Candidate): SealedHead | null {
  if (c.sealed_pos === null || c.sealed_hash === null) return null;
  return { caseId: c.case_id, chainPos: c.sealed_pos, seq: c.sealed_seq ?? -1, headHash: c.sealed_hash };
}

/**
 * The case's new head when `rows` (its rows from the sealed position on, or from 0 for a case not
 * sealed yet) start at the sealed head and each hashes from the one before; otherwise why not.
 */
function extendSealedHead(c: Candidate, rows: DbChainRow[]): { head: SealedHead } | { refusal: SealRefusal } {
  const refuse = (reason: SealRefusal['reason'], message: string) => ({
    refusal: { caseId: c.case_id, reason, message },
  });
  const sealed = sealedHeadOf(c);
  let previous: { pos: number; hash: Buffer | null } = { pos: -1, hash: null };
  let newer = rows;
  if (sealed !== null) {
    const first = rows[0];
    const now = {
      hashAtSealedPos: first?.chain_pos === sealed.chainPos ? first.chain_hash : null,
      headPos: c.head_pos,
    };
    const kind = compareWithSeal(sealed, now);
    if (kind !== null) return refuse(kind, describeMismatch(sealed, kind, now));
    previous = { pos: sealed.chainPos, hash: sealed.headHash };
    newer = rows.slice(1);
  }
  for (const row of newer) {
    if (row.chain_pos !== previous.pos + 1) {
      return refuse('broken', `case ${c.case_id}: chain position ${previous.pos + 1} is missing: rows were deleted`);
    }
    if (row.chain_hash === null || !chainHash(toChainRow(row), previous.hash).equals(row.chain_hash)) {
      return refuse(
        'broken',
        `case ${c.case_id}: the row at chain position ${row.chain_pos} (seq ${row.seq}) was changed`
      );
    }
    previous = { pos: row.chain_pos, hash: row.chain_hash };
  }
  const last = newer[newer.length - 1];
  if (last === undefined || last.chain_hash === null)
    return refuse('broken', `case ${c.case_id}: no audit rows to seal`);
  return { head: { caseId: c.case_id, chainPos: last.chain_pos, seq: last.seq, headHash: last.chain_hash } };
}
