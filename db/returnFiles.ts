/**
 * The bank's return files of a cycle. Only a file that passed every check is kept (a refused one
 * leaves no row), within the cycle's caps on files and bytes; it is keyed by its content hash, so
 * the same file recorded twice is one row and is applied once. Applying books each answered line
 * paid or failed (failed ones onto the retry list) under the cycle's lock, after checking the file
 * against the ledger once more; a file refused there is deleted in the same transaction.
 */
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type {
  FileProblem,
  ProblemReport,
  Reconciliation,
  ReturnLine,
  ReturnSummary,
  SentLine,
} from '../definitions/payments';
import {
  parseReturnFile,
  paymentReference,
  problemReport,
  reconcileReturn,
  returnFileLimits,
  toFen,
  toYuan,
} from '../definitions/payments';
import type { CycleKey } from './paymentSteps';
import { addRetries } from './paymentSteps';
import { inTransaction } from './transaction';

export const returnFileHash = (content: string): string => createHash('sha256').update(content).digest('hex');

/** A refused file, reported as its first problems and their count (bounded for Temporal's payloads). */
export class ReturnFileRejected extends Error {
  readonly report: ProblemReport;
  constructor(problems: FileProblem[], listed = returnFileLimits.maxListedProblems.value) {
    super(`Return file refused: ${problems.length} problem(s), first at line ${problems[0]?.line ?? 0}`);
    this.name = 'ReturnFileRejected';
    this.report = problemReport(problems, listed);
  }
}

/** One of the cycle's caps on kept return files would be passed by this one. */
export class ReturnFileCapReached extends Error {
  constructor(
    readonly cap: 'maxFilesPerCycle' | 'maxStoredBytesPerCycle',
    readonly limit: number
  ) {
    super(`Return file refused: the cycle would pass ${cap} (${limit})`);
    this.name = 'ReturnFileCapReached';
  }
}

type Queryable = Pick<Pool, 'query'> | Pick<PoolClient, 'query'>;

/**
 * The file's lines matched against what the cycle sent and the bank has not answered yet. Read
 * only: the API runs it before keeping a file, the booking again under the cycle's lock.
 */
export async function matchWithLedger(
  db: Queryable,
  cycleId: string,
  lines: readonly ReturnLine[]
): Promise<{ result: Reconciliation; ledgerIdOf: Map<string, string> }> {
  const sent = await db.query<{ id: string; attempt: number; amount: string; status: SentLine['status'] }>(
    `SELECT id::text, attempt, amount::text, status FROM payment_ledger
      WHERE cycle_id = $1 AND line_no IS NOT NULL AND status IN ('exported', 'paid', 'failed')`,
    [cycleId]
  );
  const ledgerIdOf = new Map(sent.rows.map((r) => [paymentReference(r.id, r.attempt), r.id]));
  const sentLines = sent.rows.map((r) => ({
    reference: paymentReference(r.id, r.attempt),
    amountFen: toFen(r.amount),
    status: r.status,
  }));
  return { result: reconcileReturn(sentLines, lines), ledgerIdOf };
}

/** The id of this very file if the cycle keeps it already. */
export async function keptReturnFile(pool: Pool, cycleId: string, sha256: string): Promise<string | null> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text FROM payment_files WHERE cycle_id = $1 AND kind = 'return' AND sha256 = $2`,
    [cycleId, sha256]
  );
  return rows[0]?.id ?? null;
}

export interface ReturnFileToKeep {
  cycleId: string;
  content: string;
  sha256: string;
  lines: number;
  recordedBy: string;
}

/**
 * Keeps a return file that passed its checks, unless the cycle's caps would be passed. The same
 * content twice is one row and is not counted again. Uploads to one cycle are counted one at a time.
 */
export function keepReturnFile(
  pool: Pool,
  file: ReturnFileToKeep,
  caps: { maxFilesPerCycle: number; maxStoredBytesPerCycle: number }
): Promise<string> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`return-files:${file.cycleId}`]);
    const kept = await client.query<{ files: number; bytes: string; same: string | null }>(
      `SELECT count(*)::int AS files, COALESCE(sum(octet_length(content)), 0)::text AS bytes,
              max(id) FILTER (WHERE sha256 = $2)::text AS same
         FROM payment_files WHERE cycle_id = $1 AND kind = 'return'`,
      [file.cycleId, file.sha256]
    );
    const { files, bytes, same } = kept.rows[0] ?? { files: 0, bytes: '0', same: null };
    if (same) return same;
    if (files >= caps.maxFilesPerCycle) throw new ReturnFileCapReached('maxFilesPerCycle', caps.maxFilesPerCycle);
    if (Number(bytes) + Buffer.byteLength(file.content) > caps.maxStoredBytesPerCycle) {
      throw new ReturnFileCapReached('maxStoredBytesPerCycle', caps.maxStoredBytesPerCycle);
    }
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO payment_files (cycle_id, kind, layout, sha256, lines, content, recorded_by)
       VALUES ($1, 'return', 'v1', $2, $3, $4, $5) RETURNING id::text`,
      [file.cycleId, file.sha256, file.lines, file.content, file.recordedBy]
    );
    return rows[0]?.id ?? '';
  });
}

/** Books a kept return file into the ledger once; a refusal (its problems) deletes the unbooked file. */
export async function applyReturnFile(pool: Pool, key: CycleKey, fileId: string): Promise<ReturnSummary> {
  const outcome = await inTransaction(pool, (client) => bookReturnFile(client, key, fileId));
  if ('problems' in outcome) throw new ReturnFileRejected(outcome.problems);
  return outcome;
}

async function bookReturnFile(
  client: PoolClient,
  key: CycleKey,
  fileId: string
): Promise<ReturnSummary | { problems: FileProblem[] }> {
  await client.query('SELECT id FROM payment_cycles WHERE id = $1 FOR UPDATE', [key.cycleId]);
  const file = await client.query<{ content: string; summary: ReturnSummary | null }>(
    `SELECT content, summary FROM payment_files WHERE id = $1 AND cycle_id = $2 AND kind = 'return' FOR UPDATE`,
    [fileId, key.cycleId]
  );
  const stored = file.rows[0];
  if (!stored) return { problems: [{ line: 0, field: null, message: '未找到该回盘文件（可能已被拒收），请重新上传' }] };
  if (stored.summary) return stored.summary;
  const parsed = parseReturnFile(stored.content);
  if (!parsed.ok) return discard(client, fileId, parsed.problems);
  const { result, ledgerIdOf } = await matchWithLedger(client, key.cycleId, parsed.lines);
  if (result.problems.length > 0) return discard(client, fileId, result.problems);
  const summary = await bookAnswers(client, key, result, ledgerIdOf);
  await client.query('UPDATE payment_files SET summary = $2 WHERE id = $1', [fileId, JSON.stringify(summary)]);
  return summary;
}

/** The API checked the file, but another one answered some of its lines since: refused, and not kept. */
async function discard(
  client: PoolClient,
  fileId: string,
  problems: FileProblem[]
): Promise<{ problems: FileProblem[] }> {
  await client.query('DELETE FROM payment_files WHERE id = $1 AND summary IS NULL', [fileId]);
  return { problems };
}

/** Marks each answered line paid or failed (failed ones onto the retry list); the file's summary. */
async function bookAnswers(
  client: PoolClient,
  key: CycleKey,
  result: Reconciliation,
  ledgerIdOf: Map<string, string>
): Promise<ReturnSummary> {
  const answers = [...result.paid, ...result.failed];
  await client.query(
    `UPDATE payment_ledger l SET status = u.status, bank_reference = u.bank_reference,
            failure_reason = u.failure_reason, updated_at = now()
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(id, status, bank_reference, failure_reason)
      WHERE l.id = u.id AND l.status = 'exported'`,
    [
      answers.map((a) => ledgerIdOf.get(a.reference)),
      answers.map((a) => a.status),
      answers.map((a) => a.bankReference),
      answers.map((a) => a.failureReason),
    ]
  );
  await addRetries(
    client,
    key,
    result.failed.map((f) => ledgerIdOf.get(f.reference) ?? '')
  );
  return {
    paidLines: result.paid.length,
    paidAmount: toYuan(result.paid.reduce((s, l) => s + l.amountFen, 0)),
    failedLines: result.failed.length,
    failedAmount: toYuan(result.failed.reduce((s, l) => s + l.amountFen, 0)),
    outstandingLines: result.outstanding,
  };
}
