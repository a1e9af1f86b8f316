/**
 * The effects programs emit the same way, computed from the context when the chart's action runs:
 * the first month of a monthly entitlement, and the case a home visit referred the household to.
 * No I/O: runs inside the workflow sandbox.
 */
import type { EmittedEffect } from '../engine/effects';
import { firstPaymentPeriod } from '../payments/periods';
import type { CaseReferral } from './programDefinition';

interface MonthlyDecision {
  decision: { outcome: 'approved' | 'rejected'; monthlyAmount: number | null; at: string } | null;
  rules: { firstPaymentMonthOffset: { value: number } };
}

/** An approval's first month paid, the configured months after the decision's month. */
export function firstMonthlyPayment({ decision, rules }: MonthlyDecision): EmittedEffect | null {
  if (decision?.outcome !== 'approved' || decision.monthlyAmount === null) return null;
  const period = firstPaymentPeriod(decision.at, rules.firstPaymentMonthOffset.value);
  return { type: 'disbursement', payment: { kind: 'monthly', period, amount: decision.monthlyAmount } };
}

/** 转其他救助: the referred program's case opens from this application. */
export const referredCase = ({ referredTo }: { referredTo: CaseReferral | null }): EmittedEffect | null =>
  referredTo ? { type: 'openCase', referral: referredTo } : null;
