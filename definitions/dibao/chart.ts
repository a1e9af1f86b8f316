/**
 * The dibao (最低生活保障) procedure as a statechart: 《最低生活保障审核确认办法》 §1 of procedure.md.
 * The single source of truth for which decisions are possible when, and who may take them.
 *
 * The chart only *declares* effects: named actions (`issueNotice`, `runDataCheck`) and the payment,
 * payment change and referred case it emits with their data (`startDisbursement`, `changePayment`,
 * `openReferredCase`), and delayed transitions (`after`), come back from XState's pure `transition()`
 * as action objects, and the case workflow turns them into activities and durable timers. The data
 * check's result comes back as a system event, and the chart alone decides what it leads to. What
 * each decision records is in `updates.ts`; ongoing management's steps in `ongoingRegion.ts`.
 * No I/O: runs inside the workflow sandbox.
 */
import { and, assertEvent, assign, or, setup } from 'xstate';
import type { EmittedEffect } from '../engine/effects';
import { emitEffect } from '../engine/effects';
import { firstMonthlyPayment, referredCase } from '../shared/caseEffects';
import {
  periodAfter,
  referredElsewhereGuard,
  sendBack,
  sentBackOf,
  sentBy,
  sentByEither,
  sentByGuard,
} from '../shared/chartKit';
import {
  dataCheckGuards,
  dataCheckRegion,
  withCheckFailed,
  withCheckPassed,
  withCheckRun,
  withObjection,
} from '../shared/dataCheckRegion';
import {
  homeVisitRegion,
  intakeSteps,
  intakeUpdates as intake,
  requiredMaterialsOnFile,
  withdrawableIn,
} from '../shared/intakeRegion';
import { objectionReviewSteps } from '../shared/objectionReviewRegion';
import type { NoticeKind, StepMeta } from '../shared/stateMeta';
import type { DibaoContext, DibaoInput } from './context';
import { initialDibaoContext } from './context';
import type { DibaoEvent } from './events';
import { millisUntil, paymentChangeEffect } from './ongoing';
import { ongoingManagementSteps } from './ongoingRegion';
import type { DibaoRules } from './rules';
import { dibaoUpdates as u, recordRecheckDecision, startRecheck } from './updates';

export type { DibaoContext, DibaoInput } from './context';

export type DibaoDeadline = keyof DibaoRules['deadlines'];
type Meta = StepMeta<DibaoDeadline>;

/** Withdrawal by the applicant, recorded at the window, is possible at any step before the decision [6]. */
const withdrawable = withdrawableIn('dibao');

export const dibaoMachine = setup({
  types: {
    context: {} as DibaoContext,
    events: {} as DibaoEvent,
    input: {} as DibaoInput,
    emitted: {} as EmittedEffect,
  },
  guards: {
    sentBy: sentByGuard,
    ...dataCheckGuards,
    /** Extendable once, while the overall clock runs (accepted, not yet decided). */
    overallClockExtendable: ({ context }) =>
      context.acceptedAt !== null && context.decision === null && context.timeLimitExtension === null,
    /** The county either sets the amount or takes the one the check computed. */
    amountKnown: ({ context, event }) => {
      assertEvent(event, 'APPROVE');
      return event.monthlyAmount !== undefined || context.dataCheck.computedAmount !== null;
    },
    noMissingNoticeYet: ({ context }) => context.missingNotice === null,
    requiredMaterialsOnFile,
    noticeDrewObjections: ({ context }) => context.noticeObjections.length > 0,
    referredElsewhere: referredElsewhereGuard,
    /** Households report changes at the window or to the township [30]. */
    reportedByStaff: or([sentBy('window'), sentBy('township')]),
    memberDeathReported: ({ event }) => {
      assertEvent(event, 'REPORT_CHANGE');
      return event.kind === 'memberDied';
    },
    amountChanges: ({ context, event }) => {
      assertEvent(event, 'CHANGE_BENEFIT_AMOUNT');
      return event.monthlyAmount !== context.ongoing.monthlyAmount;
    },
    /** Close relatives and named complaints need the county's own home visit before a decision [20]. */
    countyHomeVisitSatisfied: ({ context }) =>
      context.countyHomeVisits.length > 0 ||
      !(context.closeRelative || context.noticeObjections.some((o) => o.complaint)),
  },
  actions: {
    // Effects: returned by `transition()` and carried out by the case workflow, never run here.
    issueNotice: (_, _params: { kind: NoticeKind }) => undefined,
    runDataCheck: () => undefined,
    startDisbursement: emitEffect(firstMonthlyPayment),
    /** What is paid changes from a later period on, as the decision before it in the step set it. */
    changePayment: emitEffect(paymentChangeEffect),
    /** Another program's case opens from this application (`referredTo`). */
    openReferredCase: emitEffect(referredCase),

    recordMissingNotice: assign(({ context, event }) => intake.recordMissingNotice(context, event)),
    recordSuppliedMaterials: assign(({ context, event }) => intake.recordSuppliedMaterials(context, event)),
    recordAcceptance: assign(({ context, event }) => intake.recordAcceptance(context, event)),
    recordHomeVisit: assign(({ context, event }) => intake.recordHomeVisit(context, event)),
    recordProgramReferral: assign(({ context, event }) => intake.recordProgramReferral(context, event)),
    recordCheckRun: assign({ dataCheck: ({ context, event }) => withCheckRun(context.dataCheck, event) }),
    recordCheckPassed: assign({ dataCheck: ({ context }) => withCheckPassed(context.dataCheck) }),
    recordCheckFailed: assign({ dataCheck: ({ context, event }) => withCheckFailed(context.dataCheck, event) }),
    recordCheckObjection: assign({ dataCheck: ({ context, event }) => withObjection(context.dataCheck, event) }),
    recordSendBack: assign({ sentBack: ({ event }, params: { from: string }) => sentBackOf(event, params.from) }),
    recordOpinion: assign(({ context, event }) => u.recordOpinion(context, event)),
    recordNoticeObjection: assign(({ context, event }) => u.recordNoticeObjection(context, event)),
    recordCommunityReview: assign(({ context, event }) => u.recordCommunityReview(context, event)),
    recordCountyHomeVisit: assign(({ context, event }) => u.recordCountyHomeVisit(context, event)),
    recordTimeLimitExtension: assign(({ context, event }) => u.recordTimeLimitExtension(context, event)),
    recordApproval: assign(({ context, event }) => u.recordApproval(context, event)),
    recordRejection: assign(({ context, event }) => u.recordRejection(context, event)),
    recordDeclined: assign(({ context, event }) => u.recordDeclined(context, event)),
    recordWithdrawal: assign(({ context, event }) => u.recordWithdrawal(context, event)),
    recordTermination: assign(({ context, event }) => u.recordTermination(context, event)),

    // Ongoing management (动态管理) [30–33]
    recordChangeReport: assign(({ context, event }) => u.recordChangeReport(context, event)),
    bringRecheckForward: assign(({ context, event }) => u.bringRecheckForward(context, event)),
    startRecheck: assign(({ context, event }, params: { trigger: 'scheduled' | 'changeReport' }) =>
      startRecheck(context, event, params.trigger)
    ),
    recordRecheckDecision: assign(({ context, event }, params: { outcome: 'continue' | 'changeAmount' }) =>
      recordRecheckDecision(context, event, params.outcome)
    ),
    recordPhaseOut: assign(({ context, event }) => u.recordPhaseOut(context, event)),
    recordPhaseOutEnded: assign(({ context, event }) => u.recordPhaseOutEnded(context, event)),
  },
  delays: {
    /** Runs from the moment the notice is posted to the end of its last day [19]. */
    publicNoticePeriod: ({ context, event }) => periodAfter(event, context, context.rules.publicNotice.value),
    /** How long an incomplete check waits before asking the silent sources again. */
    dataCheckRetry: ({ context, event }) => periodAfter(event, context, context.rules.dataCheck.retryAfter.value),
    /** Until the scheduled re-check (by the cycle, or sooner after a reported death) [31]. */
    recheckDue: ({ context, event }) => millisUntil(event, context.ongoing.nextRecheckAt),
    /** Until the phase-out's last day [33]. */
    phaseOutEnd: ({ context, event }) => millisUntil(event, context.ongoing.phaseOut?.until ?? null),
  },
}).createMachine({
  id: 'dibao',
  context: ({ input }) => initialDibaoContext(input),
  initial: 'intake',
  on: {
    // A supervisor may extend the overall limit once, for an allowed reason, at any step before the decision [22]
    EXTEND_TIME_LIMIT: {
      guard: and([sentBy('supervisor'), 'overallClockExtendable']),
      actions: 'recordTimeLimitExtension',
    },
  },
  states: {
    intake: {
      // 受理 [10]
      meta: { owner: 'window', labelZh: '受理' } satisfies Meta,
      ...intakeSteps('dibao'),
    },
    investigation: {
      // 入户调查 + 信息核对, side by side [15–18]
      meta: { labelZh: '调查核实' } satisfies Meta,
      type: 'parallel',
      on: { ...withdrawable },
      states: {
        homeVisit: homeVisitRegion('investigationStart'),
        // 家庭经济状况核对: one run fans out to every source; the result comes back as DATA_CHECK_COMPLETED [17–18]
        dataCheck: dataCheckRegion('dataCheck'),
      },
      onDone: 'firstReview',
    },
    firstReview: {
      // 初审意见 [19]; a failed check can only lead to a proposal to reject
      meta: { owner: 'township', labelZh: '乡镇初审' } satisfies Meta,
      on: {
        PROPOSE_APPROVAL: {
          guard: and([sentBy('township'), 'dataCheckPassed']),
          target: 'publicNotice',
          actions: 'recordOpinion',
        },
        PROPOSE_REJECTION: { guard: sentBy('township'), target: 'countyReview', actions: 'recordOpinion' },
        // The review finds the home visit wanting: investigate again; the data check's result stands
        SEND_BACK: sendBack('township', 'firstReview', [
          '#dibao.investigation.homeVisit.pending',
          '#dibao.investigation.dataCheck.completed',
        ]),
        ...withdrawable,
      },
    },
    publicNotice: {
      // 公示 [19]: objections are collected while the notice runs; the period always runs in full
      meta: { owner: 'village', labelZh: '村（居）公示' } satisfies Meta,
      entry: { type: 'issueNotice', params: { kind: 'publicNotice' } },
      on: {
        FILE_NOTICE_OBJECTION: sentByEither(['village', 'window'], { actions: 'recordNoticeObjection' }),
        ...withdrawable,
      },
      after: {
        publicNoticePeriod: [{ guard: 'noticeDrewObjections', target: 'objectionReview' }, { target: 'countyReview' }],
      },
    },
    objectionReview: {
      // Objections → re-investigation or community review → new opinion [19]
      meta: { owner: 'township', labelZh: '公示异议处理' } satisfies Meta,
      on: { ...withdrawable },
      ...objectionReviewSteps({
        chartId: 'dibao',
        approval: { target: '#dibao.countyReview', actions: ['recordOpinion'] },
      }),
    },
    countyReview: {
      // 审核确认 within the county's limit [20]
      meta: { owner: 'county', deadline: 'countyDecision', labelZh: '县级审核确认' } satisfies Meta,
      on: {
        RECORD_COUNTY_HOME_VISIT: { guard: sentBy('county'), actions: 'recordCountyHomeVisit' },
        APPROVE: {
          guard: and([sentBy('county'), 'countyHomeVisitSatisfied', 'amountKnown']),
          target: 'inPayment',
          actions: ['recordApproval', { type: 'issueNotice', params: { kind: 'approval' } }],
        },
        REJECT: {
          guard: sentBy('county'),
          target: 'rejectionNotice',
          actions: ['recordRejection', { type: 'issueNotice', params: { kind: 'rejection' } }],
        },
        SEND_BACK: sendBack('county', 'countyReview', 'firstReview'),
        ...withdrawable,
      },
    },
    rejectionNotice: {
      // Written reasons delivered through the township [21]
      meta: { owner: 'township', deadline: 'rejectionNotice', labelZh: '送达不予确认通知' } satisfies Meta,
      on: { DELIVER_REJECTION_NOTICE: { guard: sentBy('township'), target: 'rejected' } },
    },
    inPayment: {
      // 保障中: payment from the month after approval [21, 25], then ongoing management [30–33]
      meta: { labelZh: '保障中（按月发放）' } satisfies Meta,
      entry: 'startDisbursement',
      on: {
        TERMINATE: {
          guard: sentBy('county'),
          target: 'terminated',
          actions: ['recordTermination', 'changePayment', { type: 'issueNotice', params: { kind: 'termination' } }],
        },
        // A change reported while a re-check runs is recorded for it; it starts no second one
        REPORT_CHANGE: { guard: 'reportedByStaff', actions: 'recordChangeReport' },
      },
      ...ongoingManagementSteps,
    },
    notAccepted: { type: 'final', meta: { labelZh: '不予受理' } satisfies Meta },
    withdrawn: { type: 'final', meta: { labelZh: '申请人撤回' } satisfies Meta },
    rejected: { type: 'final', meta: { labelZh: '不予确认' } satisfies Meta },
    terminated: { type: 'final', meta: { labelZh: '已终止保障' } satisfies Meta },
  },
});

export type DibaoMachine = typeof dibaoMachine;
