/**
 * What each 特困 decision records: pure updates of the case context, one per action the chart names
 * in its `setup` (the chart wraps each in `assign`); `assertEvent` narrows the event to the one the
 * chart sends there. Also the case a termination opens (the chart emits it with `openReferredCase`).
 * No I/O: runs inside the workflow sandbox.
 */
import { assertEvent } from 'xstate';
import type { EmittedEffect } from '../engine/effects';
import { referredCase } from '../shared/caseEffects';
import { investigationOf } from '../shared/chartKit';
import type { TekunContext } from './context';
import type { TekunEvent } from './events';
import { drawHomeCheckSample, samplePeriod } from './homeCheckSample';
import { careLevelFor } from './selfCare';

type Update = (context: TekunContext, event: TekunEvent) => Partial<TekunContext>;

const closure = (kind: 'notAccepted' | 'withdrawn', reasons: string[], at: string): Partial<TekunContext> => ({
  closure: { kind, reasons, fraud: false, at, suggestion: null },
});

export const tekunUpdates = {
  recordCommunityReview: (c, e) => {
    assertEvent(e, 'RECORD_COMMUNITY_REVIEW');
    const { attendees, outcome, minutes } = e;
    return { communityReviews: [...c.communityReviews, { at: e.at, attendees, outcome, minutes }] };
  },
  recordOpinion: (_, e) => {
    assertEvent(e, ['PROPOSE_APPROVAL', 'PROPOSE_REJECTION']);
    const opinion =
      e.type === 'PROPOSE_APPROVAL'
        ? { proposal: 'approve' as const, text: e.opinion, at: e.at }
        : { proposal: 'reject' as const, text: e.reasons.join('；'), at: e.at };
    return { opinion, sentBack: null };
  },
  startNoticeRound: (c) => ({ noticeRound: c.noticeRound + 1 }),
  recordNoticeObjection: (c, e) => {
    assertEvent(e, 'FILE_NOTICE_OBJECTION');
    const { summary, complaint } = e;
    return {
      noticeObjections: [...c.noticeObjections, { at: e.at, by: e.actor, summary, complaint, round: c.noticeRound }],
    };
  },
  /** On the file's arrival at the county, by whatever event brings it there: only the instant counts. */
  drawHomeCheckSample: (c, e) => ({
    homeCheckSample:
      c.homeCheckSample ??
      drawHomeCheckSample({
        caseId: c.caseId,
        county: c.orgs.county,
        period: samplePeriod(e.at),
        ratio: c.rules.countyHomeCheckRatio.value,
      }),
  }),
  recordCountyHomeCheck: (c, e) => {
    assertEvent(e, 'RECORD_COUNTY_HOME_CHECK');
    return { countyHomeChecks: [...c.countyHomeChecks, investigationOf(e)] };
  },
  recordSelfCareAssessment: (c, e) => {
    assertEvent(e, 'RECORD_SELF_CARE_ASSESSMENT');
    const { unableItems, assessedOn } = e;
    const level = careLevelFor(unableItems, c.rules);
    return { careAssessment: { level, unableItems: [...new Set(unableItems)], assessedOn, by: e.actor, at: e.at } };
  },
  recordApproval: (_, e) => {
    assertEvent(e, 'APPROVE');
    const { monthlyAmount, supportMode, amountGround = null } = e;
    return {
      decision: { outcome: 'approved', monthlyAmount, amountGround, supportMode, reasons: [], fraud: false, at: e.at },
    };
  },
  recordRejection: (_, e) => {
    assertEvent(e, 'REJECT');
    const { reasons, fraud, at } = e;
    return {
      decision: { outcome: 'rejected', monthlyAmount: null, amountGround: null, supportMode: null, reasons, fraud, at },
    };
  },
  recordDeclined: (_, e) => {
    assertEvent(e, 'DECLINE');
    return closure('notAccepted', e.reasons, e.at);
  },
  recordWithdrawal: (_, e) => {
    assertEvent(e, 'WITHDRAW');
    return closure('withdrawn', [e.reason], e.at);
  },
  recordTerminationProposal: (_, e) => {
    assertEvent(e, 'PROPOSE_TERMINATION');
    const { reason, suggestion, fraud } = e;
    return {
      termination: { reason, suggestion, fraud, proposedAt: e.at, by: e.actor, objections: [], finding: null },
    };
  },
  recordTerminationObjection: (c, e) => {
    assertEvent(e, 'FILE_TERMINATION_OBJECTION');
    if (!c.termination) return {};
    const objection = { at: e.at, by: e.actor, summary: e.summary };
    return { termination: { ...c.termination, objections: [...c.termination.objections, objection] } };
  },
  recordTerminationFinding: (c, e) => {
    assertEvent(e, ['CONFIRM_TERMINATION', 'CANCEL_TERMINATION']);
    return c.termination ? { termination: { ...c.termination, finding: e.finding } } : {};
  },
  /** The county kept the support: the plan is set aside (the audit trail keeps it). */
  cancelTermination: () => ({ termination: null }),
  /** After the posting (its timer) or the county's confirmation: only the instant counts. */
  recordTermination: (c, e) => ({
    closure: {
      kind: 'terminated',
      reasons: c.termination ? [c.termination.reason] : [],
      fraud: c.termination?.fraud ?? false,
      at: e.at,
      suggestion: c.termination?.suggestion ?? null,
    },
  }),
} satisfies Record<string, Update>;

/**
 * The case to open: a home visit's referral (转其他救助), or on a termination with the advice to move
 * onto dibao, a dibao case [27]. Temporary help after a termination needs a claim of its own, so that
 * advice stays in the notice.
 */
export function tekunReferredCase(c: TekunContext): EmittedEffect | null {
  if (c.closure?.kind !== 'terminated') return referredCase(c);
  return c.closure.suggestion === 'dibao' && c.termination
    ? {
        type: 'openCase',
        referral: { program: 'dibao', reason: c.termination.reason, by: c.termination.by, at: c.closure.at },
      }
    : null;
}
