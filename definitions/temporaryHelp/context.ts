/**
 * What a temporary-help case remembers and starts with, the amounts the approval routing compares
 * with the township's ceiling, and the schedule an approval or help first pays (the chart emits it);
 * the chart's updates of the context are in `updates.ts`. No I/O: runs inside the workflow sandbox.
 */
import { toFen, toYuan } from '../eligibility/money';
import type { EmittedEffect } from '../engine/effects';
import { addMonths, periodOf } from '../payments/periods';
import type { Actor } from '../shared/actors';
import type { TemporaryHelpClaim } from '../shared/application';
import type { CaseChartInput, Investigation, SentBack } from '../shared/chartKit';
import type { CaseReferral } from '../shared/programDefinition';
import type { DataCheckContext } from '../shared/dataCheckRegion';
import { initialDataCheck } from '../shared/dataCheckRegion';
import type { MaterialCode } from '../shared/materials';
import type { TemporaryHelpEvent } from './events';
import type { TemporaryHelpRules } from './rules';

export interface TemporaryHelpInput extends CaseChartInput {
  rules: TemporaryHelpRules;
  materials: MaterialCode[];
  claim: TemporaryHelpClaim;
}

export interface Stage {
  amount: number;
}

export interface TemporaryHelpContext extends TemporaryHelpInput {
  missingNotice: { items: MaterialCode[]; at: string } | null;
  acceptedAt: string | null;
  homeVisits: Investigation[];
  dataCheck: DataCheckContext;
  opinion: { proposal: 'approve' | 'reject'; text: string; stages: Stage[]; at: string } | null;
  /** Counts the notices posted; objections are kept with the round they were filed in. */
  noticeRound: number;
  noticeObjections: { at: string; by: Actor; summary: string; round: number }[];
  referredToCounty: { reason: string; by: Actor; at: string } | null;
  sentBack: SentBack | null;
  /** 先行救助: paid at once on an emergency. */
  emergency: {
    amount: number;
    /** Why more than the claimed amount was paid; null when it was not. */
    amountGround: string | null;
    circumstances: string;
    paidAt: string;
    by: Actor;
  } | null;
  /** The paperwork completed after help first. */
  paperwork: { reason: string; amount: number; by: Actor; at: string } | null;
  decision: {
    outcome: 'approved' | 'rejected';
    /** Which level decided: the township on the county's behalf, or the county. */
    level: 'township' | 'county';
    stages: Stage[];
    total: number;
    /** Why more than the claimed amount was granted; null when it was not. */
    amountGround: string | null;
    reasons: string[];
    fraud: boolean;
    at: string;
  } | null;
  /** Stages paid so far, in order: the first with the approval, each later one as it is paid. */
  payments: { stage: number; amount: number; paidAt: string; by: Actor }[];
  /** 转其他救助: the program a home visit referred the household to; its case opens from this application. */
  referredTo: CaseReferral | null;
  closure: { kind: 'notAccepted' | 'withdrawn'; reasons: string[]; at: string } | null;
}

export function initialTemporaryHelpContext(input: TemporaryHelpInput): TemporaryHelpContext {
  return {
    ...input,
    missingNotice: null,
    acceptedAt: null,
    homeVisits: [],
    dataCheck: initialDataCheck(),
    opinion: null,
    noticeRound: 0,
    noticeObjections: [],
    referredToCounty: null,
    referredTo: null,
    sentBack: null,
    emergency: null,
    paperwork: null,
    decision: null,
    payments: [],
    closure: null,
  };
}

/** Sum of stage amounts, added in fen so 0.1 + 0.2 stays 0.3. */
export const stagesTotal = (stages: readonly Stage[]): number =>
  toYuan(stages.reduce((a, s) => a + toFen(s.amount), 0));

/** Whether an amount is the township's to approve under the county's ceiling (委托审批). */
export const withinCeiling = (amount: number, rules: TemporaryHelpRules): boolean =>
  toFen(amount) <= toFen(rules.townshipApprovalCeiling.value);

/**
 * The amount a decision would grant: the approval's own stages, else the proposal's, else the claim.
 * Also asked when the notice period ends (a timer, not an approval).
 */
export function amountAtStake(context: TemporaryHelpContext, event: TemporaryHelpEvent): number {
  const stages = (event.type === 'APPROVE' ? event.stages : undefined) ?? context.opinion?.stages;
  return stages && stages.length > 0 ? stagesTotal(stages) : context.claim.amountClaimed;
}

/**
 * What help first or an approval pays, as a schedule rather than monthly: help first in the month it
 * happens; an approval's stages month by month from its own month (一次审批、分阶段救助).
 */
export function scheduledPayment(c: TemporaryHelpContext): EmittedEffect | null {
  if (c.emergency && c.decision === null) {
    const schedule = [{ period: periodOf(c.emergency.paidAt), amount: c.emergency.amount.toFixed(2) }];
    return { type: 'disbursement', payment: { kind: 'helpFirst', schedule } };
  }
  if (c.decision?.outcome !== 'approved' || c.decision.stages.length === 0) return null;
  const first = periodOf(c.decision.at);
  const schedule = c.decision.stages.map((s, i) => ({ period: addMonths(first, i), amount: s.amount.toFixed(2) }));
  return { type: 'disbursement', payment: { kind: 'staged', schedule } };
}
