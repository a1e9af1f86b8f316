/**
 * Reads behind the payments API: the bank file as sent, the retry list, and fund spending. Every
 * figure is summed from the ledger itself, so reports cannot disagree with what was paid.
 */
import type { Pool } from 'pg';

export async function paymentFileOf(pool: Pool, cycleId: string): Promise<{ content: string; sha256: string } | null> {
  const { rows } = await pool.query<{ content: string; sha256: string }>(
    `SELECT content, sha256 FROM payment_files WHERE cycle_id = $1 AND kind = 'payment'`,
    [cycleId]
  );
  return rows[0] ?? null;
}

export interface RetryRow {
  ledgerId: string;
  attempt: number;
  entitlementId: string;
  caseId: string;
  period: string;
  amount: string;
  failedInCycle: string;
  failureReason: string;
  duePeriod: string;
  consumedBy: string | null;
}

/** Failed lines of a county, open ones (waiting for a cycle) first; `open` false lists those already taken too. */
export async function retriesOf(pool: Pool, county: string, onlyOpen: boolean): Promise<RetryRow[]> {
  const { rows } = await pool.query<RetryRow>(
    `SELECT r.ledger_id::text AS "ledgerId", r.attempt, r.entitlement_id::text AS "entitlementId", e.case_id AS "caseId",
            r.period, l.amount::text AS amount, r.failed_in_cycle AS "failedInCycle", r.failure_reason AS "failureReason",
            r.due_period AS "duePeriod", r.consumed_by AS "consumedBy"
       FROM payment_retries r
       JOIN payment_ledger l ON l.id = r.ledger_id
       JOIN entitlements e ON e.id = r.entitlement_id
      WHERE r.county_code = $1 AND (NOT $2 OR r.consumed_by IS NULL)
      ORDER BY r.consumed_by NULLS FIRST, r.due_period, r.ledger_id, r.attempt
      LIMIT 1000`,
    [county, onlyOpen]
  );
  return rows;
}

export interface SpendingRow {
  county: string;
  period: string;
  fundCode: string;
  program: string;
  paidLines: number;
  paidAmount: string;
  backPayLines: number;
  backPayAmount: string;
}

/**
 * Paid amounts by county, cash month (the cycle that paid), fund and program, straight from the
 * ledger; the part of them that is back pay (补发: months owed from before the cash month, and raises'
 * differences) separately, so a month's spending is not read as its regular roll.
 */
export async function fundSpending(pool: Pool, county: string, period: string | undefined): Promise<SpendingRow[]> {
  const { rows } = await pool.query<SpendingRow>(
    `SELECT county_code AS county, cycle_period AS period, fund_code AS "fundCode", program,
            count(*)::int AS "paidLines", sum(amount)::numeric(14, 2)::text AS "paidAmount",
            count(*) FILTER (WHERE kind <> 'regular')::int AS "backPayLines",
            COALESCE(sum(amount) FILTER (WHERE kind <> 'regular'), 0)::numeric(14, 2)::text AS "backPayAmount"
       FROM payment_ledger
      WHERE status = 'paid' AND county_code = $1 AND ($2::text IS NULL OR cycle_period = $2)
      GROUP BY county_code, cycle_period, fund_code, program
      ORDER BY cycle_period, fund_code, program`,
    [county, period ?? null]
  );
  return rows;
}
