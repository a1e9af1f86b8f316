/**
 * What each month of an entitlement is owed, against what the cycles have taken for it: the
 * statement that freezes a cycle's roll, and the months paid above what later decisions set.
 */
import type { PoolClient } from 'pg';

/**
 * Freezes a cycle's roll, set-based (one INSERT … SELECT, however many entitlements the county
 * has). It decides what a month's cycle pays:
 * - `regular`: each monthly entitlement active in the cycle's month, at the amount in force for it;
 * - `backPay` (补发): each earlier month of an entitlement whose county's roll for that month was
 *   frozen without it (approved after that freeze), at the amount in force for that month. Only
 *   months from the entitlement's start up to its end, and only months whose own cycle has frozen:
 *   a month whose cycle has not run yet is paid by that cycle, as a regular line;
 * - `difference` (补发差额): an earlier month already taken at less than a later decision's raised
 *   amount for it, the difference, keyed by that decision (change_seq). A month taken at more than the
 *   amount now in force is not clawed back here (recovery is a legal decision); the build reports it;
 * - scheduled help: each stage due by the month that no roll holds yet (a late one as `backPay`);
 * - `retry`: the failed lines due again, which this cycle claims so no other cycle can.
 * "Taken" means held by some cycle's roll, whatever became of the payment: a failed line is paid
 * again through the retry list, never by back pay. The caller holds the county's freeze lock, so
 * no other freeze of the county can take the same month meanwhile.
 * Parameters: $1 cycle id, $2 county, $3 the cycle's month.
 */
/** The amount in force for an entitlement's month: the latest re-check's from its month on (migration 013), else none. */
const amountInForce = (entitlement: string, month: string): string => `
  SELECT ch.amount, ch.seq FROM entitlement_changes ch
   WHERE ch.entitlement_id = ${entitlement} AND ch.from_period <= ${month} AND ch.amount IS NOT NULL
   ORDER BY ch.from_period DESC, ch.seq DESC LIMIT 1`;

/** Monthly entitlements of the county that have begun by the cycle's month. */
const monthlyOfCounty = (e: string): string =>
  `${e}.county_code = $2 AND ${e}.status = 'active' AND ${e}.schedule IS NULL AND ${e}.start_period <= $3`;

export const freezeRollSql = `
WITH claimed AS (
  UPDATE payment_retries SET consumed_by = $1
   WHERE county_code = $2 AND consumed_by IS NULL AND due_period <= $3
   RETURNING ledger_id, entitlement_id, period),
frozen_months AS (
  SELECT period FROM payment_cycles WHERE county_code = $2 AND frozen_at IS NOT NULL AND period < $3),
-- Entitlements that can lack a frozen month: those no roll holds yet (approved since the last
-- freeze), and those a re-check changed (a later end can reach a month frozen in advance). Any other
-- one was in every roll frozen since its first, since its start and status never change; so the
-- search for missing months stays small however long the county's history grows.
may_lack AS MATERIALIZED (
  SELECT e.id FROM entitlements e
   WHERE ${monthlyOfCounty('e')} AND NOT EXISTS (SELECT 1 FROM payment_roll r WHERE r.entitlement_id = e.id)
  UNION
  SELECT e.id FROM entitlements e
   WHERE ${monthlyOfCounty('e')} AND EXISTS (SELECT 1 FROM entitlement_changes ch WHERE ch.entitlement_id = e.id)),
missing AS (
  SELECT e.id, m.period
    FROM may_lack c JOIN entitlements e ON e.id = c.id
   CROSS JOIN LATERAL (
     SELECT f.period FROM frozen_months f
      WHERE f.period >= e.start_period AND (e.end_period IS NULL OR f.period <= e.end_period)
        AND NOT EXISTS (SELECT 1 FROM payment_roll r WHERE r.entitlement_id = e.id AND r.for_period = f.period)) m),
-- What each earlier month has been taken at so far, for the entitlements a re-check changed the
-- amount of from that month on (the only ones a raise can leave short)
taken AS (
  SELECT r.entitlement_id, r.for_period AS period, sum(r.amount) AS amount
    FROM entitlements e JOIN payment_roll r ON r.entitlement_id = e.id
   WHERE ${monthlyOfCounty('e')}
     AND EXISTS (SELECT 1 FROM entitlement_changes ch WHERE ch.entitlement_id = e.id AND ch.amount IS NOT NULL)
     AND r.kind <> 'retry' AND r.for_period < $3 AND (e.end_period IS NULL OR r.for_period <= e.end_period)
   GROUP BY r.entitlement_id, r.for_period)
INSERT INTO payment_roll (cycle_id, entitlement_id, for_period, kind, change_seq, case_id, program, fund_code, amount,
                          payee, entitlement_version)
SELECT $1, e.id, $3, 'regular', 0, e.case_id, e.program, e.fund_code, COALESCE(in_force.amount, e.amount), e.payee,
       e.version
  FROM entitlements e
  LEFT JOIN LATERAL (${amountInForce('e.id', '$3')}) in_force ON true
 WHERE ${monthlyOfCounty('e')} AND (e.end_period IS NULL OR e.end_period >= $3)
UNION ALL
SELECT $1, e.id, m.period, 'backPay', 0, e.case_id, e.program, e.fund_code, COALESCE(in_force.amount, e.amount),
       e.payee, e.version
  FROM missing m JOIN entitlements e ON e.id = m.id
  LEFT JOIN LATERAL (${amountInForce('e.id', 'm.period')}) in_force ON true
UNION ALL
SELECT $1, e.id, t.period, 'difference', in_force.seq, e.case_id, e.program, e.fund_code, in_force.amount - t.amount,
       e.payee, e.version
  FROM taken t JOIN entitlements e ON e.id = t.entitlement_id
  JOIN LATERAL (${amountInForce('e.id', 't.period')}) in_force ON true
 WHERE in_force.amount > t.amount
UNION ALL
-- Scheduled help: this month's stage, and any earlier stage no cycle has taken yet (help paid first
-- after this month's roll was frozen is paid by the next cycle, never dropped)
SELECT $1, e.id, stage.period, CASE WHEN stage.period < $3 THEN 'backPay' ELSE 'regular' END, 0, e.case_id, e.program,
       e.fund_code, stage.amount, e.payee, e.version
  FROM entitlements e
 CROSS JOIN LATERAL (
   SELECT s ->> 'period' AS period, (s ->> 'amount')::numeric AS amount FROM jsonb_array_elements(e.schedule) s) stage
 WHERE e.county_code = $2 AND e.status = 'active' AND e.schedule IS NOT NULL AND e.start_period <= $3
   AND stage.period <= $3
   AND NOT EXISTS (SELECT 1 FROM payment_roll r WHERE r.entitlement_id = e.id AND r.for_period = stage.period)
UNION ALL
SELECT $1, c.entitlement_id, c.period, 'retry', l.change_seq, e.case_id, l.program, l.fund_code, l.amount, e.payee,
       e.version
  FROM claimed c
  JOIN payment_ledger l ON l.id = c.ledger_id
  JOIN entitlements e ON e.id = c.entitlement_id`;

/**
 * Months of the county booked above the amount in force for them now: a cut decided after the
 * month was frozen, or a month after a stop that was frozen before the stop. Nothing is clawed back
 * (recovery is a legal decision); the batch summary shows the standing figure so it is never silent.
 * Only entitlements a re-check changed can be in it.
 */
export async function overpaidMonths(client: PoolClient, county: string): Promise<{ months: number; amount: string }> {
  const { rows } = await client.query<{ months: number; amount: string }>(
    `WITH changed AS (
       SELECT DISTINCT ch.entitlement_id FROM entitlement_changes ch
         JOIN entitlements e ON e.id = ch.entitlement_id
        WHERE e.county_code = $1 AND e.schedule IS NULL),
     booked AS (
       SELECT l.entitlement_id, l.period, sum(l.amount) AS amount
         FROM changed c JOIN payment_ledger l ON l.entitlement_id = c.entitlement_id
        GROUP BY l.entitlement_id, l.period)
     SELECT count(*)::int AS months, COALESCE(sum(b.amount - owed.amount), 0)::numeric(14, 2)::text AS amount
       FROM booked b
       JOIN entitlements e ON e.id = b.entitlement_id
      CROSS JOIN LATERAL (
        SELECT CASE WHEN e.end_period IS NOT NULL AND b.period > e.end_period THEN 0
                    ELSE COALESCE((SELECT amount FROM (${amountInForce('e.id', 'b.period')}) ch), e.amount) END AS amount) owed
      WHERE b.amount > owed.amount`,
    [county]
  );
  return rows[0] ?? { months: 0, amount: '0.00' };
}
