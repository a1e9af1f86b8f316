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
export interface SpendingPosition {
  period: string;
  fundCode: string;
  program: string;
}

export async function fundSpending(
  pool: Pool,
  county: string,
  period: string | undefined,
  page: { after?: SpendingPosition | undefined; limit?: number } = {}
): Promise<SpendingRow[]> {
  const { after, limit } = page;
  const { rows } = await pool.query<SpendingRow>(
    `SELECT county_code AS county, cycle_period AS period, fund_code AS "fundCode", program,
            count(*)::int AS "paidLines", sum(amount)::numeric(14, 2)::text AS "paidAmount",
            count(*) FILTER (WHERE kind <> 'regular')::int AS "backPayLines",
            COALESCE(sum(amount) FILTER (WHERE kind <> 'regular'), 0)::numeric(14, 2)::text AS "backPayAmount"
       FROM payment_ledger
      WHERE status = 'paid' AND county_code = $1 AND ($2::text IS NULL OR cycle_period = $2)
        AND ($3::text IS NULL OR (cycle_period, fund_code, program) > ($3, $4, $5))
      GROUP BY county_code, cycle_period, fund_code, program
      ORDER BY cycle_period, fund_code, program
      LIMIT $6`,
    [county, period ?? null, after?.period ?? null, after?.fundCode ?? null, after?.program ?? null, limit ?? null]
  );
  return rows;
}

export interface CycleRow {
  id: string;
  county: string;
  period: string;
  /** The chart's step as the workflow last recorded it (the read model may trail the workflow by a moment). */
  step: string;
  preparer: string | null;
  approver: string | null;
  payableLines: number | null;
  payableAmount: string | null;
  backPayLines: number | null;
  startedAt: string;
  updatedAt: string;
}

/** A county's cycles, newest month first, `limit` after the month `afterPeriod` (keyset: one cycle per month). */
export async function cyclesOf(
  pool: Pool,
  county: string,
  afterPeriod: string | undefined,
  limit: number
): Promise<CycleRow[]> {
  const { rows } = await pool.query<CycleRow>(
    `SELECT id, county_code AS county, period, state AS step, preparer, approver,
            (batch_summary ->> 'payableLines')::int AS "payableLines", batch_summary ->> 'payableAmount' AS "payableAmount",
            (batch_summary ->> 'backPayLines')::int AS "backPayLines",
            to_json(created_at) #>> '{}' AS "startedAt", to_json(updated_at) #>> '{}' AS "updatedAt"
       FROM payment_cycles
      WHERE county_code = $1 AND ($2::text IS NULL OR period < $2)
      ORDER BY period DESC
      LIMIT $3`,
    [county, afterPeriod ?? null, limit]
  );
  return rows;
}

/** Where a line stands for the cycle that froze it; `movedOn`: failed here and now carried by a later cycle. */
export type CycleLineStatus = 'frozen' | 'scheduled' | 'exported' | 'paid' | 'failed' | 'movedOn';

export interface CycleLineRow {
  entitlementId: string;
  forPeriod: string;
  changeSeq: number;
  /** regular, backPay (补发), difference (补发差额), or retry: the roll's kind. */
  rollKind: string;
  /** What the ledger line is (a retry keeps the kind of the line it pays again). */
  ledgerKind: string | null;
  caseId: string;
  program: string;
  fundCode: string;
  amount: string;
  holderName: string | null;
  accountNumber: string | null;
  lineNo: number | null;
  attempt: number | null;
  status: CycleLineStatus;
  bankReference: string | null;
  failureReason: string | null;
  /** For `movedOn`: the cycle that pays the line again. */
  carriedBy: string | null;
}

export interface CycleLinePosition {
  forPeriod: string;
  entitlementId: string;
  changeSeq: number;
}

/**
 * The lines a cycle froze, in the bank file's order (month paid for, then entitlement), with where
 * each stands in the ledger: the roll says what this cycle took, the ledger what became of it. A line
 * this cycle failed that a later cycle has taken again shows as moved on, with this cycle's reason.
 */
export async function cycleLines(
  pool: Pool,
  cycleId: string,
  after: CycleLinePosition | undefined,
  limit: number
): Promise<CycleLineRow[]> {
  const { rows } = await pool.query<CycleLineRow>(
    `SELECT r.entitlement_id::text AS "entitlementId", r.for_period AS "forPeriod", r.change_seq AS "changeSeq",
            r.kind AS "rollKind", l.kind AS "ledgerKind", r.case_id AS "caseId", r.program, r.fund_code AS "fundCode",
            r.amount::text AS amount, r.payee ->> 'holderName' AS "holderName",
            r.payee ->> 'accountNumber' AS "accountNumber",
            CASE WHEN l.cycle_id = r.cycle_id THEN l.line_no END AS "lineNo",
            CASE WHEN l.cycle_id = r.cycle_id THEN l.attempt ELSE rt.attempt END AS attempt,
            CASE WHEN l.id IS NULL THEN 'frozen' WHEN l.cycle_id = r.cycle_id THEN l.status ELSE 'movedOn' END AS status,
            CASE WHEN l.cycle_id = r.cycle_id THEN l.bank_reference END AS "bankReference",
            CASE WHEN l.cycle_id = r.cycle_id THEN l.failure_reason ELSE rt.failure_reason END AS "failureReason",
            CASE WHEN l.cycle_id <> r.cycle_id THEN l.cycle_id END AS "carriedBy"
       FROM payment_roll r
       LEFT JOIN payment_ledger l
         ON l.entitlement_id = r.entitlement_id AND l.period = r.for_period AND l.change_seq = r.change_seq
       LEFT JOIN LATERAL (
         SELECT attempt, failure_reason FROM payment_retries
          WHERE ledger_id = l.id AND failed_in_cycle = r.cycle_id ORDER BY attempt DESC LIMIT 1
       ) rt ON true
      WHERE r.cycle_id = $1
        AND ($2::text IS NULL OR (r.for_period, r.entitlement_id, r.change_seq) > ($2, $3::bigint, $4::int))
      ORDER BY r.for_period, r.entitlement_id, r.change_seq
      LIMIT $5`,
    [cycleId, after?.forPeriod ?? null, after?.entitlementId ?? null, after?.changeSeq ?? null, limit]
  );
  return rows;
}
