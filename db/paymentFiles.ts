/**
 * The payment file a cycle sends the bank, and the cycle's standing once the bank has answered.
 * Exporting renders the payment file from the ledger and marks its lines exported in the same
 * transaction, and is idempotent: a second export returns the stored file. Return files are in
 * returnFiles.ts.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { PaymentFileLine, ReturnSummary } from '../definitions/payments';
import { paymentReference, renderPaymentFile, toFen, toYuan } from '../definitions/payments';
import type { CycleKey } from './paymentSteps';
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
