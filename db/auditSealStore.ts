/**
 * Reads of the seal tables and of the chain where heads were sealed, shared by the sealer
 * (db/auditSealer.ts) and the verifier (db/auditSealCheck.ts). Each runs on one client inside a
 * REPEATABLE READ transaction of the caller's, so the seal, its map and the chain are one snapshot.
 */
import type { PoolClient } from 'pg';
import type { ChainNow, SealedHead, SealStatement } from './auditSealStatement';

export interface StoredSeal extends SealStatement {
  signature: Buffer;
}

/** The instant as the seal's signature covers it; see SealStatement.sealedAt. */
export const SEALED_AT_TEXT = `to_char(sealed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function newestSeal(client: PoolClient): Promise<StoredSeal | null> {
  const { rows } = await client.query<{
    id: string;
    sealed_at: string;
    key_id: string;
    case_count: number;
    changed_count: number;
    heads_digest: Buffer;
    signature: Buffer;
  }>(
    `SELECT id::text, ${SEALED_AT_TEXT} AS sealed_at, key_id, case_count, changed_count, heads_digest, signature
       FROM audit_seals ORDER BY id DESC LIMIT 1`
  );
  const row = rows[0];
  if (!row) return null;
  return {
    sealId: row.id,
    sealedAt: row.sealed_at,
    keyId: row.key_id,
    caseCount: row.case_count,
    changedCount: row.changed_count,
    headsDigest: row.heads_digest,
    signature: row.signature,
  };
}

interface DbSealedHead {
  case_id: string;
  chain_pos: number;
  seq: number;
  head_hash: Buffer;
}

const toSealedHead = (r: DbSealedHead): SealedHead => ({
  caseId: r.case_id,
  chainPos: r.chain_pos,
  seq: r.seq,
  headHash: r.head_hash,
});

/**
 * Every case's head as of seal `sealId` (its row in the newest seal up to `sealId` that has one),
 * in the digest's order (`COLLATE "C"`), in batches through a cursor so memory stays flat however
 * many cases there are. Must run inside a transaction.
 */
export async function forEachSealedHead(
  client: PoolClient,
  sealId: string,
  batchSize: number,
  onBatch: (heads: SealedHead[]) => Promise<void> | void
): Promise<void> {
  if (!/^\d+$/.test(sealId)) throw new Error(`Not a seal id: ${sealId}`);
  // The id is inlined (checked above): a cursor's query is planned without the bind parameters.
  await client.query(`
    DECLARE sealed_heads NO SCROLL CURSOR FOR
      SELECT case_id, chain_pos, seq, head_hash
        FROM (SELECT DISTINCT ON (case_id) case_id, chain_pos, seq, head_hash
                FROM audit_seal_heads WHERE seal_id <= ${sealId}
               ORDER BY case_id, seal_id DESC) newest
       ORDER BY case_id COLLATE "C"`);
  try {
    for (;;) {
      const { rows } = await client.query<DbSealedHead>(`FETCH ${batchSize} FROM sealed_heads`);
      if (rows.length > 0) await onBatch(rows.map(toSealedHead));
      if (rows.length < batchSize) break;
    }
  } finally {
    await client.query('CLOSE sealed_heads');
  }
}

/** For each head, what the chain holds now at its position and where the case's chain ends. */
export async function chainNow(client: PoolClient, heads: readonly SealedHead[]): Promise<ChainNow[]> {
  if (heads.length === 0) return [];
  const { rows } = await client.query<{ i: string; chain_hash: Buffer | null; head_pos: number | null }>(
    `SELECT s.i, e.chain_hash,
            (SELECT max(m.chain_pos) FROM case_events m WHERE m.case_id = s.case_id) AS head_pos
       FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS s(case_id, chain_pos, i)
       LEFT JOIN case_events e ON e.case_id = s.case_id AND e.chain_pos = s.chain_pos
      ORDER BY s.i`,
    [heads.map((h) => h.caseId), heads.map((h) => h.chainPos)]
  );
  return rows.map((r) => ({ hashAtSealedPos: r.chain_hash, headPos: r.head_pos }));
}
