/**
 * What an approved case is owed, from its first payment: the amount, the start month (the month
 * after approval, already computed by the program) and the fund its program is paid from in the
 * county on the day of the decision.
 */
import { chinaDate } from '../definitions/calendar';
import { fundFor, PAYMENT_RULES_PROGRAM, paymentConfigEntries, paymentRulesSchema } from '../definitions/payments';
import { resolveRules } from '../definitions/shared/rulesConfig';
import type { EntitlementRecord } from '../db/paymentRecords';
import type { DisbursementRecord } from '../db/records';

/** Booked when no fund is configured for the program, so the payment shows up in fund reports as unassigned. */
export const UNASSIGNED_FUND = 'UNASSIGNED';

/** The fund a program is paid from in a county on the day of the decision. */
export function fundOf(program: string, countyCode: string, decidedAt: string): string {
  const rules = resolveRules(
    paymentConfigEntries,
    paymentRulesSchema,
    PAYMENT_RULES_PROGRAM,
    countyCode,
    chinaDate(new Date(decidedAt))
  );
  return fundFor(rules, program) ?? UNASSIGNED_FUND;
}

export function entitlementOf(d: DisbursementRecord): EntitlementRecord {
  return {
    caseId: d.caseId,
    program: d.program,
    countyCode: d.countyCode,
    amount: d.amount,
    startPeriod: d.period,
    fundCode: fundOf(d.program, d.countyCode, d.decidedAt),
    decidedAt: d.decidedAt,
  };
}
