/**
 * The files a cycle exchanges with the bank. Exporting renders the payment file from the ledger and
 * marks its lines exported in the same transaction; applying a return file books each answered line
 * as paid or failed (failed ones onto the retry list) — or, if any line is unknown, repeated or
 * does not match, changes nothing and says which lines. Both are idempotent: a second export
 * returns the stored file, a return file already applied returns its stored summary.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { FileProblem, PaymentFileLine, ReturnSummary, SentLine } from '../definitions/payments';
import {
  paymentReference,
  parseReturnFile,
  reconcileReturn,
  renderPaymentFile,
  toFen,
  toYuan,
} from '../definitions/payments';
import type { CycleKey } from './paymentSteps';
import { addRetries } from './paymentSteps';
import { inTransaction } from './transaction';

export interface ExportedFile {
  fileId: string;
  lines: number;
  amount: string;
  sha256: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function exportPaymentFile(pool: Pool, key: CycleKey): Promise<ExportedFile> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT id FROM payment_cycles WHERE id = $1 FOR UPDATE', [key.cycleId]);
    const existing = await client.query<ExportedFile & { amount: string }>(
      `SELECT id::text AS "fileId", lines, summary ->> 'amount' AS amount, sha256 FROM payment_files
        WHERE cycle_id = $1 AND kind = 'payment'`,
      [key.cycleId]
    );
    if (existing.rows[0]) return existing.rows[0];
    const { rows } = await client.query<{
      id: string;
      attempt: number;
      line_no: number;
      payee: PaymentFileLine['payee'];
      amount: string;
      period: string;
      kind: PaymentFileLine['kind'];
      program: string;
      fund_code: string;
    }>(
      `UPDATE payment_ledger l SET status = 'exported', line_no = n.line_no, updated_at = now()
         FROM (SELECT id, row_number() OVER (ORDER BY period, entitlement_id, change_seq)::int AS line_no
                 FROM payment_ledger WHERE cycle_id = $1 AND status = 'scheduled') n
        WHERE l.id = n.id
        RETURNING l.id::text, l.attempt, l.line_no, l.payee, l.amount::text, l.period, l.kind, l.program, l.fund_code`,
      [key.cycleId]
    );
    const lines: PaymentFileLine[] = rows
      .sort((a, b) => a.line_no - b.line_no)
      .map((r) => ({
        lineNo: r.line_no,
        reference: paymentReference(r.id, r.attempt),
        payee: r.payee,
        amountFen: toFen(r.amount),
        forPeriod: r.period,
        kind: r.kind,
        program: r.program,
        fundCode: r.fund_code,
      }));
    const content = renderPaymentFile(
      { cycleId: key.cycleId, countyCode: key.county, period: key.period, paymentDay: key.rules.paymentDay.value },
      lines
    );
    const amount = toYuan(lines.reduce((sum, l) => sum + l.amountFen, 0));
    const hash = sha256(content);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO payment_files (cycle_id, kind, layout, sha256, lines, content, summary)
       VALUES ($1, 'payment', $2, $3, $4, $5, $6) RETURNING id::text`,
      [key.cycleId, key.rules.bankFileLayout.value, hash, lines.length, content, JSON.stringify({ amount })]
    );
    await client.query('UPDATE payment_cycles SET exported_at = now(), updated_at = now() WHERE id = $1', [
      key.cycleId,
    ]);
    return { fileId: inserted.rows[0]?.id ?? '', lines: lines.length, amount, sha256: hash };
  });
}

/** Stores an uploaded return file (parsed and found well-formed by the caller); the same content twice is one row. */
export async function storeReturnFile(
  pool: Pool,
  cycleId: string,
  content: string,
  lines: number,
  recordedBy: string
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO payment_files (cycle_id, kind, layout, sha256, lines, content, recorded_by)
     VALUES ($1, 'return', 'v1', $2, $3, $4, $5)
     ON CONFLICT (cycle_id, kind, sha256) DO UPDATE SET recorded_by = payment_files.recorded_by
     RETURNING id::text`,
    [cycleId, sha256(content), lines, content, recordedBy]
  );
  return rows[0]?.id ?? '';
}

export class ReturnFileRejected extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(`Return file refused: ${problems.length} problem(s), first at line ${problems[0]?.line ?? 0}`);
    this.name = 'ReturnFileRejected';
  }
}

export function applyReturnFile(pool: Pool, key: CycleKey, fileId: string): Promise<ReturnSummary> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT id FROM payment_cycles WHERE id = $1 FOR UPDATE', [key.cycleId]);
    const file = await client.query<{ content: string; summary: ReturnSummary | null }>(
      `SELECT content, summary FROM payment_files WHERE id = $1 AND cycle_id = $2 AND kind = 'return' FOR UPDATE`,
      [fileId, key.cycleId]
    );
    const stored = file.rows[0];
    if (!stored) throw new ReturnFileRejected([{ line: 0, field: null, message: '未找到该回盘文件' }]);
    if (stored.summary) return stored.summary;
    const parsed = parseReturnFile(stored.content);
    if (!parsed.ok) throw new ReturnFileRejected(parsed.problems);
    const sent = await client.query<{ id: string; attempt: number; amount: string; status: SentLine['status'] }>(
      `SELECT id::text, attempt, amount::text, status FROM payment_ledger
        WHERE cycle_id = $1 AND line_no IS NOT NULL AND status IN ('exported', 'paid', 'failed')`,
      [key.cycleId]
    );
    const idOf = new Map(sent.rows.map((r) => [paymentReference(r.id, r.attempt), r.id]));
    const result = reconcileReturn(
      sent.rows.map((r) => ({
        reference: paymentReference(r.id, r.attempt),
        amountFen: toFen(r.amount),
        status: r.status,
      })),
      parsed.lines
    );
    if (result.problems.length > 0) throw new ReturnFileRejected(result.problems);
    const answers = [...result.paid, ...result.failed];
    await client.query(
      `UPDATE payment_ledger l SET status = u.status, bank_reference = u.bank_reference,
              failure_reason = u.failure_reason, updated_at = now()
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(id, status, bank_reference, failure_reason)
        WHERE l.id = u.id AND l.status = 'exported'`,
      [
        answers.map((a) => idOf.get(a.reference)),
        answers.map((a) => a.status),
        answers.map((a) => a.bankReference),
        answers.map((a) => a.failureReason),
      ]
    );
    await addRetries(
      client,
      key,
      result.failed.map((f) => idOf.get(f.reference) ?? '')
    );
    const summary: ReturnSummary = {
      paidLines: result.paid.length,
      paidAmount: toYuan(result.paid.reduce((s, l) => s + l.amountFen, 0)),
      failedLines: result.failed.length,
      failedAmount: toYuan(result.failed.reduce((s, l) => s + l.amountFen, 0)),
      outstandingLines: result.outstanding,
    };
    await client.query('UPDATE payment_files SET summary = $2 WHERE id = $1', [fileId, JSON.stringify(summary)]);
    return summary;
  });
}

/** The cycle's standing after its returns: what was paid, what failed, what the bank has not answered. */
export async function reconcileCycle(pool: Pool, cycleId: string): Promise<ReturnSummary> {
  const { rows } = await pool.query<ReturnSummary>(
    `SELECT count(*) FILTER (WHERE status = 'paid')::int AS "paidLines",
            COALESCE(sum(amount) FILTER (WHERE status = 'paid'), 0)::numeric(14, 2)::text AS "paidAmount",
            count(*) FILTER (WHERE status = 'failed')::int AS "failedLines",
            COALESCE(sum(amount) FILTER (WHERE status = 'failed'), 0)::numeric(14, 2)::text AS "failedAmount",
            count(*) FILTER (WHERE status = 'exported')::int AS "outstandingLines"
       FROM payment_ledger WHERE cycle_id = $1 AND line_no IS NOT NULL`,
    [cycleId]
  );
  const summary = rows[0] as ReturnSummary;
  if (summary.outstandingLines === 0) {
    await pool.query(
      'UPDATE payment_cycles SET reconciled_at = COALESCE(reconciled_at, now()), updated_at = now() WHERE id = $1',
      [cycleId]
    );
  }
  return summary;
}
