/**
 * What each dibao decision records: pure updates of the case context, one per action the chart
 * names in its `setup` (the chart wraps each in `assign`). `assertEvent` narrows the event to the
 * one the chart sends there. Ongoing management's updates [30–33] are here too; when a re-check's
 * decision changes what is paid, the chart's `changePayment` emits the change recorded here.
 * No I/O: runs inside the workflow sandbox.
 */
import { assertEvent } from 'xstate';
import { investigationOf } from '../shared/chartKit';
import type { DibaoContext } from './context';
import type { DibaoEvent } from './events';
import type { Recheck, RecheckDecision } from './ongoing';
import { endOfPeriod, nextRecheckAfter, paymentChangeOf, recheckAfterDeath } from './ongoing';

type Update = (context: DibaoContext, event: DibaoEvent) => Partial<DibaoContext>;

/** Closes the running re-check with its decision (a termination may close none). */
function decideOpenRecheck(rechecks: readonly Recheck[], decision: RecheckDecision): Recheck[] {
  const last = rechecks.at(-1);
  if (last === undefined || last.decision !== null) return [...rechecks];
  return [...rechecks.slice(0, -1), { ...last, decision }];
}

const closure = (kind: 'notAccepted' | 'withdrawn' | 'terminated', reasons: string[], at: string, fraud = false) =>
  ({ closure: { kind, reasons, fraud, at } }) satisfies Partial<DibaoContext>;

export const dibaoUpdates = {
  recordOpinion: (_, e) => {
    assertEvent(e, ['PROPOSE_APPROVAL', 'PROPOSE_REJECTION']);
    const opinion =
      e.type === 'PROPOSE_APPROVAL'
        ? { proposal: 'approve' as const, text: e.opinion, at: e.at }
        : { proposal: 'reject' as const, text: e.reasons.join('；'), at: e.at };
    return { opinion, sentBack: null };
  },
  recordNoticeObjection: (c, e) => {
    assertEvent(e, 'FILE_NOTICE_OBJECTION');
    const objection = { at: e.at, by: e.actor, summary: e.summary, complaint: e.complaint };
    return { noticeObjections: [...c.noticeObjections, objection] };
  },
  recordCommunityReview: (c, e) => {
    assertEvent(e, 'RECORD_COMMUNITY_REVIEW');
    const review = { at: e.at, attendees: e.attendees, outcome: e.outcome, minutes: e.minutes };
    return { communityReviews: [...c.communityReviews, review] };
  },
  recordCountyHomeVisit: (c, e) => {
    assertEvent(e, 'RECORD_COUNTY_HOME_VISIT');
    return { countyHomeVisits: [...c.countyHomeVisits, investigationOf(e)] };
  },
  recordTimeLimitExtension: (_, e) => {
    assertEvent(e, 'EXTEND_TIME_LIMIT');
    return { timeLimitExtension: { reason: e.reason, explanation: e.explanation, by: e.actor, at: e.at } };
  },
  recordApproval: (c, e) => {
    assertEvent(e, 'APPROVE');
    const monthlyAmount = e.monthlyAmount ?? c.dataCheck.computedAmount;
    const recheckCycle = e.recheckCycle ?? c.ongoing.recheckCycle;
    const amountGround = e.amountGround ?? null;
    return {
      decision: { outcome: 'approved', monthlyAmount, amountGround, reasons: [], fraud: false, at: e.at },
      ongoing: { ...c.ongoing, recheckCycle, monthlyAmount, nextRecheckAt: nextRecheckAfter(c, e.at, recheckCycle) },
    };
  },
  recordRejection: (_, e) => {
    assertEvent(e, 'REJECT');
    const { reasons, fraud, at } = e;
    return { decision: { outcome: 'rejected', monthlyAmount: null, amountGround: null, reasons, fraud, at } };
  },
  recordDeclined: (_, e) => {
    assertEvent(e, 'DECLINE');
    return closure('notAccepted', e.reasons, e.at);
  },
  recordWithdrawal: (_, e) => {
    assertEvent(e, 'WITHDRAW');
    return closure('withdrawn', [e.reason], e.at);
  },
  recordTermination: (c, e) => {
    assertEvent(e, 'TERMINATE');
    const amountBefore = c.ongoing.monthlyAmount;
    const decision = { outcome: 'stop' as const, ground: e.reason, amountBefore, amountAfter: null };
    return {
      ...closure('terminated', [e.reason], e.at, e.fraud),
      ongoing: {
        ...c.ongoing,
        rechecks: decideOpenRecheck(c.ongoing.rechecks, { ...decision, by: e.actor, at: e.at }),
        // Stopped from the next payment period on; the current one is paid [32]
        paymentChange: paymentChangeOf(c, { kind: 'stop', monthlyAmount: null, ground: e.reason, at: e.at }),
      },
    };
  },

  // Ongoing management (动态管理) [30–33]
  recordChangeReport: (c, e) => {
    assertEvent(e, 'REPORT_CHANGE');
    const report = { kind: e.kind, description: e.description, by: e.actor, at: e.at };
    return { ongoing: { ...c.ongoing, changeReports: [...c.ongoing.changeReports, report] } };
  },
  bringRecheckForward: (c, e) => ({ ongoing: { ...c.ongoing, nextRecheckAt: recheckAfterDeath(c, e.at) } }),
  recordPhaseOut: (c, e) => {
    assertEvent(e, 'START_PHASE_OUT');
    const until = endOfPeriod(c, e.at, c.rules.phaseOut.value);
    const amount = c.ongoing.monthlyAmount;
    const decision = { outcome: 'phaseOut' as const, ground: e.ground, amountBefore: amount, amountAfter: amount };
    return {
      ongoing: {
        ...c.ongoing,
        phaseOut: { ground: e.ground, at: e.at, until },
        nextRecheckAt: null,
        rechecks: decideOpenRecheck(c.ongoing.rechecks, { ...decision, by: e.actor, at: e.at }),
        paymentChange: paymentChangeOf(c, {
          kind: 'phaseOut',
          monthlyAmount: amount,
          ground: e.ground,
          at: e.at,
          until,
        }),
      },
    };
  },
  /** Raised by the phase-out's own timer: only its instant counts. */
  recordPhaseOutEnded: (_, e) => closure('terminated', ['渐退期满，停止发放最低生活保障金'], e.at),
} satisfies Record<string, Update>;

/** A re-check starts, by the cycle or on a reported change [30–31]. */
export function startRecheck(c: DibaoContext, e: DibaoEvent, trigger: Recheck['trigger']): Partial<DibaoContext> {
  return { ongoing: { ...c.ongoing, rechecks: [...c.ongoing.rechecks, { startedAt: e.at, trigger, decision: null }] } };
}

/**
 * The county's decision after a re-check: the amount stays or changes, the next re-check is
 * scheduled, and what is paid is restated from the next period (a phase-out it ends is lifted) [31–32].
 */
export function recordRecheckDecision(
  c: DibaoContext,
  e: DibaoEvent,
  outcome: 'continue' | 'changeAmount'
): Partial<DibaoContext> {
  assertEvent(e, ['CONTINUE_BENEFIT', 'CHANGE_BENEFIT_AMOUNT']);
  const amountBefore = c.ongoing.monthlyAmount;
  const monthlyAmount = e.type === 'CHANGE_BENEFIT_AMOUNT' ? e.monthlyAmount : amountBefore;
  const recheckCycle = e.recheckCycle ?? c.ongoing.recheckCycle;
  const decision = { outcome, ground: e.ground, amountBefore, amountAfter: monthlyAmount, by: e.actor, at: e.at };
  return {
    ongoing: {
      ...c.ongoing,
      recheckCycle,
      monthlyAmount,
      nextRecheckAt: nextRecheckAfter(c, e.at, recheckCycle),
      rechecks: decideOpenRecheck(c.ongoing.rechecks, decision),
      phaseOut: null,
      paymentChange: paymentChangeOf(c, { kind: 'amount', monthlyAmount, ground: e.ground, at: e.at }),
    },
  };
}
