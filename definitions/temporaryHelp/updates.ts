/**
 * What each temporary-help decision records: pure updates of the case context, one per action the
 * chart names in its `setup` (the chart wraps each in `assign`); `assertEvent` narrows the event to
 * the one the chart sends there. No I/O: runs inside the workflow sandbox.
 */
import { assertEvent } from 'xstate';
import type { TemporaryHelpContext } from './context';
import { stagesTotal } from './context';
import type { TemporaryHelpEvent } from './events';

type Update = (context: TemporaryHelpContext, event: TemporaryHelpEvent) => Partial<TemporaryHelpContext>;

/** Which level decided: the township on the county's behalf, or the county. */
const levelOf = (event: TemporaryHelpEvent) => (event.actor.role === 'county' ? 'county' : 'township');

export const temporaryHelpUpdates = {
  recordOpinion: (_, e) => {
    assertEvent(e, ['PROPOSE_APPROVAL', 'PROPOSE_REJECTION']);
    const opinion =
      e.type === 'PROPOSE_APPROVAL'
        ? { proposal: 'approve' as const, text: e.opinion, stages: e.stages, at: e.at }
        : { proposal: 'reject' as const, text: e.reasons.join('；'), stages: [], at: e.at };
    return { opinion, sentBack: null, referredToCounty: null };
  },
  startNoticeRound: (c) => ({ noticeRound: c.noticeRound + 1 }),
  recordNoticeObjection: (c, e) => {
    assertEvent(e, 'FILE_NOTICE_OBJECTION');
    const objection = { at: e.at, by: e.actor, summary: e.summary, round: c.noticeRound };
    return { noticeObjections: [...c.noticeObjections, objection] };
  },
  recordReferral: (_, e) => {
    assertEvent(e, 'REFER_TO_COUNTY');
    return { referredToCounty: { reason: e.reason, by: e.actor, at: e.at } };
  },
  recordEmergencyPayment: (_, e) => {
    assertEvent(e, 'HELP_FIRST');
    const { amount, amountGround = null, circumstances } = e;
    return { emergency: { amount, amountGround, circumstances, paidAt: e.at, by: e.actor } };
  },
  recordPaperwork: (_, e) => {
    assertEvent(e, 'RECORD_EMERGENCY_PAPERWORK');
    return { paperwork: { reason: e.reason, amount: e.amount, by: e.actor, at: e.at } };
  },
  recordApproval: (c, e) => {
    assertEvent(e, 'APPROVE');
    const { stages = c.opinion?.stages ?? [], amountGround = null } = e;
    const first = stages[0];
    const total = stagesTotal(stages);
    return {
      decision: {
        outcome: 'approved',
        level: levelOf(e),
        stages,
        total,
        amountGround,
        reasons: [],
        fraud: false,
        at: e.at,
      },
      // The first stage is paid with the approval (startDisbursement); later ones as they are paid.
      payments: first ? [{ stage: 1, amount: first.amount, paidAt: e.at, by: e.actor }] : [],
    };
  },
  recordRejection: (_, e) => {
    assertEvent(e, 'REJECT');
    const { reasons, fraud, at } = e;
    return {
      decision: {
        outcome: 'rejected',
        level: levelOf(e),
        stages: [],
        total: 0,
        amountGround: null,
        reasons,
        fraud,
        at,
      },
      payments: [],
    };
  },
  recordStagePayment: (c, e) => {
    const next = c.payments.length;
    const stage = c.decision?.stages[next];
    return stage
      ? { payments: [...c.payments, { stage: next + 1, amount: stage.amount, paidAt: e.at, by: e.actor }] }
      : {};
  },
  recordDeclined: (_, e) => {
    assertEvent(e, 'DECLINE');
    return { closure: { kind: 'notAccepted', reasons: e.reasons, at: e.at } };
  },
  recordWithdrawal: (_, e) => {
    assertEvent(e, 'WITHDRAW');
    return { closure: { kind: 'withdrawn', reasons: [e.reason], at: e.at } };
  },
} satisfies Record<string, Update>;
