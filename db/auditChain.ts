/**
 * Verifies the audit trail's hash chain (migrations/004_audit_hash_chain.sql): each case's rows,
 * in the order they were recorded (chain_pos 0, 1, 2, … without a gap), must each carry
 * chain_hash = sha256 over the row's canonical content and the hash of the row before it.
 *
 * The hash is recomputed here in Node from the raw column values, not by calling the database's
 * hash function, so the check does not trust the SQL it checks. Rows are read in keyset-paginated
 * batches over the (case_id, chain_pos) index, so memory stays flat on millions of rows.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/** The columns the hash covers, as text the way the migration's trigger reads them. */
export interface ChainRow {
  caseId: string;
  seq: number;
  actorUser: string;
  actorRole: string;
  actorOrg: string;
  event: string;
  fromState: string | null;
  toState: string;
  comment: string | null;
  /** `payload::text`: jsonb's canonical text form. */
  payload: string;
  /** UTC, `YYYY-MM-DDTHH:MI:SS.ffffffZ` (microseconds, as PostgreSQL stores them). */
  occurredAt: string;
}

const CANONICAL_VERSION = 'v1';

/** A netstring: the UTF-8 length in bytes, so no field content can be mistaken for a boundary. */
function field(value: string | null): string {
  return value === null ? '~,' : `${Buffer.byteLength(value, 'utf8')}:${value},`;
}

/** The exact bytes the trigger hashes (see the migration for the definition). */
export function canonicalContent(row: ChainRow, previousHash: Buffer | null): Buffer {
  const fields = [
    CANONICAL_VERSION,
    row.caseId,
    String(row.seq),
    row.actorUser,
    row.actorRole,
    row.actorOrg,
    row.event,
    row.fromState,
    row.toState,
    row.comment,
    row.payload,
    row.occurredAt,
    previousHash === null ? null : previousHash.toString('hex'),
  ];
  return Buffer.from(fields.map(field).join(''), 'utf8');
}

export function chainHash(row: ChainRow, previousHash: Buffer | null): Buffer {
  return createHash('sha256').update(canonicalContent(row, previousHash)).digest();
}

export type ChainBreakReason =
  /** The stored hash is not the hash of the row's content and its predecessor: the row (or its predecessor) was edited. */
  | 'altered'
  /** Rows between the previous one read and this one are gone (or the case's first rows): deleted. */
  | 'missing';

export interface ChainBreak {
  caseId: string;
  seq: number;
  /** The row's place in its case's chain. */
  chainPos: number;
  reason: ChainBreakReason;
  /** For `missing`: the chain positions that should precede this row but are not there. */
  missingPositions?: { from: number; to: number };
  /** Hex; what the stored chain says this row's hash must be. */
  expectedHash: string;
  storedHash: string | null;
}

export interface ChainReport {
  rows: number;
  cases: number;
  /** The first break in (case_id, seq) order, or null when every chain verifies. */
  firstBreak: ChainBreak | null;
  /**
   * sha256 over every verified case's id and newest hash, in case order. Publishing it elsewhere
   * (a daily digest) is what lets a later check notice rows removed from the end of a chain.
   */
  headsDigest: string;
}

export interface VerifyOptions {
  /** Only this case's chain. */
  caseId?: string;
  batchSize?: number;
  onProgress?: (progress: { rows: number; cases: number }) => void;
}

export interface DbChainRow {
  case_id: string;
  seq: number;
  actor_user: string;
  actor_role: string;
  actor_org: string;
  event: string;
  from_state: string | null;
  to_state: string;
  comment: string | null;
  payload: string;
  occurred_at: string;
  chain_pos: number;
  chain_hash: Buffer | null;
}

// The instant is formatted by PostgreSQL because pg's Date drops the stored microseconds; the
// pattern is the migration's, spelled out here so this check does not depend on its functions.
export const SELECT_ROWS = `
  SELECT case_id, seq, actor_user, actor_role, actor_org, event, from_state, to_state, comment,
         payload::text AS payload,
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
         chain_pos, chain_hash
    FROM case_events`;

export function toChainRow(r: DbChainRow): ChainRow {
  return {
    caseId: r.case_id,
    seq: r.seq,
    actorUser: r.actor_user,
    actorRole: r.actor_role,
    actorOrg: r.actor_org,
    event: r.event,
    fromState: r.from_state,
    toState: r.to_state,
    comment: r.comment,
    payload: r.payload,
    occurredAt: r.occurred_at,
  };
}

const hex = (value: Buffer | null): string | null => (value === null ? null : value.toString('hex'));

/** Walks the chains in (case_id, chain_pos) order and stops at the first break. */
export async function verifyAuditChain(pool: Pool, options: VerifyOptions = {}): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5_000;
  const heads = createHash('sha256');
  let rows = 0;
  let cases = 0;
  let current: { caseId: string; pos: number; hash: Buffer | null } | undefined;
  let after: { caseId: string; pos: number } | undefined;

  const closeCase = () => {
    if (current) heads.update(`${field(current.caseId)}${field(hex(current.hash))}`);
  };

  for (;;) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.caseId !== undefined) {
      params.push(options.caseId);
      where.push(`case_id = $${params.length}`);
    }
    if (after) {
      params.push(after.caseId, after.pos);
      where.push(`(case_id, chain_pos) > ($${params.length - 1}, $${params.length})`);
    }
    params.push(batchSize);
    const { rows: batch } = await pool.query<DbChainRow>(
      `${SELECT_ROWS} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY case_id, chain_pos LIMIT $${params.length}`,
      params
    );
    for (const dbRow of batch) {
      const row = toChainRow(dbRow);
      if (current?.caseId !== row.caseId) {
        closeCase();
        current = { caseId: row.caseId, pos: -1, hash: null };
        cases += 1;
      }
      const previousHash = current.hash;
      const expected = chainHash(row, previousHash);
      const stored = dbRow.chain_hash;
      const base = { caseId: row.caseId, seq: row.seq, chainPos: dbRow.chain_pos };
      if (dbRow.chain_pos !== current.pos + 1) {
        const firstBreak: ChainBreak = {
          ...base,
          reason: 'missing',
          missingPositions: { from: current.pos + 1, to: dbRow.chain_pos - 1 },
          expectedHash: expected.toString('hex'),
          storedHash: hex(stored),
        };
        return { rows, cases, firstBreak, headsDigest: heads.digest('hex') };
      }
      if (stored === null || !stored.equals(expected)) {
        const firstBreak: ChainBreak = {
          ...base,
          reason: 'altered',
          expectedHash: expected.toString('hex'),
          storedHash: hex(stored),
        };
        return { rows, cases, firstBreak, headsDigest: heads.digest('hex') };
      }
      current = { caseId: row.caseId, pos: dbRow.chain_pos, hash: stored };
      rows += 1;
    }
    options.onProgress?.({ rows, cases });
    const last = batch[batch.length - 1];
    if (batch.length < batchSize || !last) break;
    after = { caseId: last.case_id, pos: last.chain_pos };
  }
  closeCase();
  return { rows, cases, firstBreak: null, headsDigest: heads.digest('hex') };
}
