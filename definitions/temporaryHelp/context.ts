/**
 * What a temporary-help case remembers, the pure updates the chart's named actions apply to it, and
 * the amounts the approval routing compares with the township's ceiling. Kept apart from the chart
 * so the chart reads as the procedure. No I/O: runs inside the workflow sandbox.
 */
import { toFen, toYuan } from '../eligibility/money';
import type { EmittedEffect } from '../engine/effects';
import { addMonths, periodOf } from '../payments/periods';
import type { Actor } from '../shared/actors';
import type { TemporaryHelpClaim } from '../shared/application';
import type { CaseChartInput, Investigation, SentBack, StampedEvent } from '../shared/chartKit';
import { intakeUpdates } from '../shared/intakeRegion';
import type { CaseReferral } from '../shared/programDefinition';
import type { DataCheckContext } from '../shared/dataCheckRegion';
import { initialDataCheck } from '../shared/dataCheckRegion';
import type { MaterialCode } from '../shared/materials';
import type { TemporaryHelpEventOf, TemporaryHelpEventType } from './events';
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

/** The amount a decision would grant: the approval's own stages, else the proposal's, else the claim. */
export function amountAtStake(context: TemporaryHelpContext, event: StampedEvent): number {
  const stages = (event as Partial<TemporaryHelpEventOf<'APPROVE'>>).stages ?? context.opinion?.stages;
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

type Update = (context: TemporaryHelpContext, event: StampedEvent) => Partial<TemporaryHelpContext>;

/** The event as the type the update is named for; the chart only sends it there. */
const as = <K extends TemporaryHelpEventType>(event: StampedEvent) => event as TemporaryHelpEventOf<K>;

function decided(
  context: TemporaryHelpContext,
  event: StampedEvent,
  outcome: 'approved' | 'rejected'
): Pick<TemporaryHelpContext, 'decision' | 'payments'> {
  const level = event.actor.role === 'county' ? 'county' : 'township';
  if (outcome === 'rejected') {
    const { reasons, fraud } = as<'REJECT'>(event);
    return {
      decision: { outcome, level, stages: [], total: 0, amountGround: null, reasons, fraud, at: event.at },
      payments: [],
    };
  }
  const { stages = context.opinion?.stages ?? [], amountGround = null } = as<'APPROVE'>(event);
  const first = stages[0];
  const total = stagesTotal(stages);
  return {
    decision: { outcome, level, stages, total, amountGround, reasons: [], fraud: false, at: event.at },
    // The first stage is paid with the approval (startDisbursement); later ones as they are paid.
    payments: first ? [{ stage: 1, amount: first.amount, paidAt: event.at, by: event.actor }] : [],
  };
}

export const temporaryHelpUpdates = {
  ...intakeUpdates,
  recordOpinion: (_, e) => ({
    opinion:
      e.type === 'PROPOSE_APPROVAL'
        ? {
            proposal: 'approve',
            text: as<'PROPOSE_APPROVAL'>(e).opinion,
            stages: as<'PROPOSE_APPROVAL'>(e).stages,
            at: e.at,
          }
        : { proposal: 'reject', text: as<'PROPOSE_REJECTION'>(e).reasons.join('；'), stages: [], at: e.at },
    sentBack: null,
    referredToCounty: null,
  }),
  startNoticeRound: (c) => ({ noticeRound: c.noticeRound + 1 }),
  recordNoticeObjection: (c, e) => ({
    noticeObjections: [
      ...c.noticeObjections,
      { at: e.at, by: e.actor, summary: as<'FILE_NOTICE_OBJECTION'>(e).summary, round: c.noticeRound },
    ],
  }),
  recordReferral: (_, e) => ({ referredToCounty: { reason: as<'REFER_TO_COUNTY'>(e).reason, by: e.actor, at: e.at } }),
  recordEmergencyPayment: (_, e) => {
    const { amount, amountGround = null, circumstances } = as<'HELP_FIRST'>(e);
    return { emergency: { amount, amountGround, circumstances, paidAt: e.at, by: e.actor } };
  },
  recordPaperwork: (_, e) => {
    const { reason, amount } = as<'RECORD_EMERGENCY_PAPERWORK'>(e);
    return { paperwork: { reason, amount, by: e.actor, at: e.at } };
  },
  recordApproval: (c, e) => decided(c, e, 'approved'),
  recordRejection: (c, e) => decided(c, e, 'rejected'),
  recordStagePayment: (c, e) => {
    const next = c.payments.length;
    const stage = c.decision?.stages[next];
    return stage
      ? { payments: [...c.payments, { stage: next + 1, amount: stage.amount, paidAt: e.at, by: e.actor }] }
      : {};
  },
  recordDeclined: (_, e) => ({ closure: { kind: 'notAccepted', reasons: as<'DECLINE'>(e).reasons, at: e.at } }),
  recordWithdrawal: (_, e) => ({ closure: { kind: 'withdrawn', reasons: [as<'WITHDRAW'>(e).reason], at: e.at } }),
} satisfies Record<string, Update>;
