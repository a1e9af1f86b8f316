/**
 * What an approved case is owed, from its first payment: the amount, the start month (the month
 * after approval, already computed by the program) and the fund its program is paid from in the
 * county on the day of the decision.
 */
import { chinaDate } from '../definitions/calendar';
import { fundFor, PAYMENT_RULES_PROGRAM, paymentConfigEntries, paymentRulesSchema } from '../definitions/payments';
import { resolveRules } from '../definitions/shared/rulesConfig';
import type { EntitlementRecord } from '../db/paymentRecords';
import type { DisbursementRecord } from './records';

/** Booked when no fund is configured for the program, so the payment shows up in fund reports as unassigned. */
export const UNASSIGNED_FUND = 'UNASSIGNED';

export function entitlementOf(d: DisbursementRecord): EntitlementRecord {
  const rules = resolveRules(
    paymentConfigEntries,
    paymentRulesSchema,
    PAYMENT_RULES_PROGRAM,
    d.countyCode,
    chinaDate(new Date(d.decidedAt))
  );
  return {
    caseId: d.caseId,
    program: d.program,
    countyCode: d.countyCode,
    amount: d.amount,
    startPeriod: d.period,
    fundCode: fundFor(rules, d.program) ?? UNASSIGNED_FUND,
    decidedAt: d.decidedAt,
  };
}
