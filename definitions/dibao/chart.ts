/**
 * The dibao (最低生活保障) procedure as a statechart: 《最低生活保障审核确认办法》 §1 of procedure.md.
 * The single source of truth for which decisions are possible when, and who may take them.
 *
 * The chart only *declares* effects: named actions (`issueNotice`, `runDataCheck`,
 * `startDisbursement`) and delayed transitions (`after`) come back from XState's pure `transition()`
 * as action objects, and the case workflow turns them into activities and durable timers. The data
 * check's result comes back as a system event, and the chart alone decides what it leads to.
 * No I/O: runs inside the workflow sandbox.
 */
import { and, assign, or, setup } from 'xstate';
import type { EmittedEffect } from '../engine/effects';
import { emitEffect } from '../engine/effects';
import { firstMonthlyPayment, referredCase } from '../shared/caseEffects';
import {
  investigationOf,
  periodAfter,
  referredElsewhereGuard,
  sendBack,
  sentBackOf,
  sentBy,
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
  intakeUpdates,
  requiredMaterialsOnFile,
  withdrawableIn,
} from '../shared/intakeRegion';
import type { NoticeKind, StepMeta } from '../shared/stateMeta';
import type { DibaoContext, DibaoInput } from './context';
import type { DibaoEvent, DibaoEventOf } from './events';
import type { Recheck } from './ongoing';
import {
  endOfPeriod,
  nextRecheckAfter,
  noOngoingManagement,
  paymentChangeEffect,
  paymentChangeOf,
  recheckAfterDeath,
} from './ongoing';
import type { DibaoRules } from './rules';

export type { DibaoContext, DibaoInput } from './context';

export type DibaoDeadline = keyof DibaoRules['deadlines'];
type Meta = StepMeta<DibaoDeadline>;

/** From an event to an instant (now if it has passed); no instant means never. */
function millisUntil(event: { at: string }, instant: string | null): number {
  if (instant === null) return Number.MAX_SAFE_INTEGER;
  return Math.max(0, Date.parse(instant) - Date.parse(event.at));
}

/** Closes the running re-check with its decision (a termination may close none). */
function decideOpenRecheck(rechecks: readonly Recheck[], decision: NonNullable<Recheck['decision']>): Recheck[] {
  const last = rechecks.at(-1);
  if (last === undefined || last.decision !== null) return [...rechecks];
  return [...rechecks.slice(0, -1), { ...last, decision }];
}

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
    amountKnown: ({ context, event }) =>
      (event as DibaoEventOf<'APPROVE'>).monthlyAmount !== undefined || context.dataCheck.computedAmount !== null,
    noMissingNoticeYet: ({ context }) => context.missingNotice === null,
    requiredMaterialsOnFile,
    noticeDrewObjections: ({ context }) => context.noticeObjections.length > 0,
    referredElsewhere: referredElsewhereGuard,
    /** Households report changes at the window or to the township [30]. */
    reportedByStaff: or([sentBy('window'), sentBy('township')]),
    memberDeathReported: ({ event }) => (event as DibaoEventOf<'REPORT_CHANGE'>).kind === 'memberDied',
    amountChanges: ({ context, event }) =>
      (event as DibaoEventOf<'CHANGE_BENEFIT_AMOUNT'>).monthlyAmount !== context.ongoing.monthlyAmount,
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

    recordMissingNotice: assign(({ event }) => intakeUpdates.recordMissingNotice(undefined, event)),
    recordSuppliedMaterials: assign(({ context, event }) => intakeUpdates.recordSuppliedMaterials(context, event)),
    recordAcceptance: assign(({ event }) => intakeUpdates.recordAcceptance(undefined, event)),
    recordHomeVisit: assign(({ context, event }) => intakeUpdates.recordHomeVisit(context, event)),
    recordProgramReferral: assign(({ event }) => intakeUpdates.recordProgramReferral(undefined, event)),
    recordCheckRun: assign({ dataCheck: ({ context, event }) => withCheckRun(context.dataCheck, event) }),
    recordCheckPassed: assign({ dataCheck: ({ context }) => withCheckPassed(context.dataCheck) }),
    recordCheckFailed: assign({ dataCheck: ({ context, event }) => withCheckFailed(context.dataCheck, event) }),
    recordCheckObjection: assign({ dataCheck: ({ context, event }) => withObjection(context.dataCheck, event) }),
    recordOpinion: assign({
      opinion: ({ event }) =>
        event.type === 'PROPOSE_APPROVAL'
          ? { proposal: 'approve' as const, text: event.opinion, at: event.at }
          : {
              proposal: 'reject' as const,
              text: (event as DibaoEventOf<'PROPOSE_REJECTION'>).reasons.join('；'),
              at: event.at,
            },
      sentBack: null,
    }),
    recordNoticeObjection: assign({
      noticeObjections: ({ context, event }) => {
        const e = event as DibaoEventOf<'FILE_NOTICE_OBJECTION'>;
        return [...context.noticeObjections, { at: e.at, by: e.actor, summary: e.summary, complaint: e.complaint }];
      },
    }),
    recordCommunityReview: assign({
      communityReviews: ({ context, event }) => {
        const e = event as DibaoEventOf<'RECORD_COMMUNITY_REVIEW'>;
        return [
          ...context.communityReviews,
          { at: e.at, attendees: e.attendees, outcome: e.outcome, minutes: e.minutes },
        ];
      },
    }),
    recordCountyHomeVisit: assign({
      countyHomeVisits: ({ context, event }) => [
        ...context.countyHomeVisits,
        investigationOf(event as DibaoEventOf<'RECORD_COUNTY_HOME_VISIT'>),
      ],
    }),
    recordTimeLimitExtension: assign({
      timeLimitExtension: ({ event }) => {
        const e = event as DibaoEventOf<'EXTEND_TIME_LIMIT'>;
        return { reason: e.reason, explanation: e.explanation, by: e.actor, at: e.at };
      },
    }),
    recordSendBack: assign({ sentBack: ({ event }, params: { from: string }) => sentBackOf(event, params.from) }),
    recordApproval: assign(({ context, event }) => {
      const e = event as DibaoEventOf<'APPROVE'>;
      const monthlyAmount = e.monthlyAmount ?? context.dataCheck.computedAmount;
      const recheckCycle = e.recheckCycle ?? context.ongoing.recheckCycle;
      const amountGround = e.amountGround ?? null;
      return {
        decision: { outcome: 'approved' as const, monthlyAmount, amountGround, reasons: [], fraud: false, at: e.at },
        ongoing: {
          ...context.ongoing,
          recheckCycle,
          monthlyAmount,
          nextRecheckAt: nextRecheckAfter(context, e.at, recheckCycle),
        },
      };
    }),
    recordRejection: assign({
      decision: ({ event }) => ({
        outcome: 'rejected' as const,
        monthlyAmount: null,
        amountGround: null,
        reasons: (event as DibaoEventOf<'REJECT'>).reasons,
        fraud: (event as DibaoEventOf<'REJECT'>).fraud,
        at: event.at,
      }),
    }),
    recordDeclined: assign({
      closure: ({ event }) => ({
        kind: 'notAccepted' as const,
        reasons: (event as DibaoEventOf<'DECLINE'>).reasons,
        fraud: false,
        at: event.at,
      }),
    }),
    recordWithdrawal: assign({
      closure: ({ event }) => ({
        kind: 'withdrawn' as const,
        reasons: [(event as DibaoEventOf<'WITHDRAW'>).reason],
        fraud: false,
        at: event.at,
      }),
    }),
    recordTermination: assign(({ context, event }) => {
      const e = event as DibaoEventOf<'TERMINATE'>;
      return {
        closure: { kind: 'terminated' as const, reasons: [e.reason], fraud: e.fraud, at: e.at },
        ongoing: {
          ...context.ongoing,
          rechecks: decideOpenRecheck(context.ongoing.rechecks, {
            outcome: 'stop',
            ground: e.reason,
            amountBefore: context.ongoing.monthlyAmount,
            amountAfter: null,
            by: e.actor,
            at: e.at,
          }),
          // Stopped from the next payment period on; the current one is paid [32]
          paymentChange: paymentChangeOf(context, { kind: 'stop', monthlyAmount: null, ground: e.reason, at: e.at }),
        },
      };
    }),

    // Ongoing management (动态管理) [30–33]
    recordChangeReport: assign({
      ongoing: ({ context, event }) => {
        const e = event as DibaoEventOf<'REPORT_CHANGE'>;
        const report = { kind: e.kind, description: e.description, by: e.actor, at: e.at };
        return { ...context.ongoing, changeReports: [...context.ongoing.changeReports, report] };
      },
    }),
    bringRecheckForward: assign({
      ongoing: ({ context, event }) => ({ ...context.ongoing, nextRecheckAt: recheckAfterDeath(context, event.at) }),
    }),
    startRecheck: assign({
      ongoing: ({ context, event }, params: { trigger: Recheck['trigger'] }) => ({
        ...context.ongoing,
        rechecks: [...context.ongoing.rechecks, { startedAt: event.at, trigger: params.trigger, decision: null }],
      }),
    }),
    recordRecheckDecision: assign({
      ongoing: ({ context, event }, params: { outcome: 'continue' | 'changeAmount' }) => {
        const e = event as DibaoEventOf<'CONTINUE_BENEFIT' | 'CHANGE_BENEFIT_AMOUNT'>;
        const amountBefore = context.ongoing.monthlyAmount;
        const monthlyAmount = e.type === 'CHANGE_BENEFIT_AMOUNT' ? e.monthlyAmount : amountBefore;
        const recheckCycle = e.recheckCycle ?? context.ongoing.recheckCycle;
        const decision = { outcome: params.outcome, ground: e.ground, amountBefore, amountAfter: monthlyAmount };
        return {
          ...context.ongoing,
          recheckCycle,
          monthlyAmount,
          nextRecheckAt: nextRecheckAfter(context, e.at, recheckCycle),
          rechecks: decideOpenRecheck(context.ongoing.rechecks, { ...decision, by: e.actor, at: e.at }),
          // Every outcome restates what is paid from the next period: a phase-out it ends is lifted
          phaseOut: null,
          paymentChange: paymentChangeOf(context, { kind: 'amount', monthlyAmount, ground: e.ground, at: e.at }),
        };
      },
    }),
    recordPhaseOut: assign({
      ongoing: ({ context, event }) => {
        const e = event as DibaoEventOf<'START_PHASE_OUT'>;
        const until = endOfPeriod(context, e.at, context.rules.phaseOut.value);
        const amount = context.ongoing.monthlyAmount;
        return {
          ...context.ongoing,
          phaseOut: { ground: e.ground, at: e.at, until },
          nextRecheckAt: null,
          rechecks: decideOpenRecheck(context.ongoing.rechecks, {
            outcome: 'phaseOut',
            ground: e.ground,
            amountBefore: amount,
            amountAfter: amount,
            by: e.actor,
            at: e.at,
          }),
          paymentChange: paymentChangeOf(context, {
            kind: 'phaseOut',
            monthlyAmount: amount,
            ground: e.ground,
            at: e.at,
            until,
          }),
        };
      },
    }),
    recordPhaseOutEnded: assign({
      closure: ({ event }) => ({
        kind: 'terminated' as const,
        reasons: ['渐退期满，停止发放最低生活保障金'],
        fraud: false,
        at: event.at,
      }),
    }),
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
  context: ({ input }) => ({
    ...input,
    missingNotice: null,
    acceptedAt: null,
    homeVisits: [],
    dataCheck: { outcome: 'pending', reasons: [], objection: null, runs: [], computedAmount: null },
    opinion: null,
    noticeObjections: [],
    communityReviews: [],
    countyHomeVisits: [],
    sentBack: null,
    timeLimitExtension: null,
    decision: null,
    closure: null,
    ongoing: noOngoingManagement(input.recheckCycle),
    referredTo: null,
  }),
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
        FILE_NOTICE_OBJECTION: [
          { guard: sentBy('village'), actions: 'recordNoticeObjection' },
          { guard: sentBy('window'), actions: 'recordNoticeObjection' },
        ],
        ...withdrawable,
      },
      after: {
        publicNoticePeriod: [{ guard: 'noticeDrewObjections', target: 'objectionReview' }, { target: 'countyReview' }],
      },
    },
    objectionReview: {
      // Objections → re-investigation or community review → new opinion [19]
      meta: { owner: 'township', labelZh: '公示异议处理' } satisfies Meta,
      initial: 'choosingMethod',
      on: { ...withdrawable },
      states: {
        choosingMethod: {
          meta: { owner: 'township', labelZh: '选择核实方式' } satisfies Meta,
          on: {
            REINVESTIGATE: { guard: sentBy('township'), target: 'reinvestigating' },
            RECORD_COMMUNITY_REVIEW: {
              guard: sentBy('township'),
              target: 'revisingOpinion',
              actions: 'recordCommunityReview',
            },
          },
        },
        reinvestigating: {
          meta: { owner: 'township', labelZh: '重新调查' } satisfies Meta,
          on: {
            RECORD_HOME_VISIT: { guard: sentBy('township'), target: 'revisingOpinion', actions: 'recordHomeVisit' },
          },
        },
        revisingOpinion: {
          meta: { owner: 'township', labelZh: '重新提出初审意见' } satisfies Meta,
          on: {
            SEND_BACK: sendBack('township', 'objectionReview.revisingOpinion', 'choosingMethod'),
            PROPOSE_APPROVAL: {
              guard: and([sentBy('township'), 'dataCheckPassed']),
              target: '#dibao.countyReview',
              actions: 'recordOpinion',
            },
            PROPOSE_REJECTION: { guard: sentBy('township'), target: '#dibao.countyReview', actions: 'recordOpinion' },
          },
        },
      },
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
      initial: 'receiving',
      on: {
        TERMINATE: {
          guard: sentBy('county'),
          target: 'terminated',
          actions: ['recordTermination', 'changePayment', { type: 'issueNotice', params: { kind: 'termination' } }],
        },
        // A change reported while a re-check runs is recorded for it; it starts no second one
        REPORT_CHANGE: { guard: 'reportedByStaff', actions: 'recordChangeReport' },
      },
      states: {
        receiving: {
          meta: { labelZh: '保障中' } satisfies Meta,
          after: {
            recheckDue: { target: 'rechecking', actions: { type: 'startRecheck', params: { trigger: 'scheduled' } } },
          },
          on: {
            REPORT_CHANGE: [
              // A death brings the re-check forward to within the configured months (2022 notice)
              {
                guard: and(['reportedByStaff', 'memberDeathReported']),
                target: 'receiving',
                reenter: true,
                actions: ['recordChangeReport', 'bringRecheckForward'],
              },
              // Any other change is checked now, out of cycle [30]
              {
                guard: 'reportedByStaff',
                target: 'rechecking',
                actions: ['recordChangeReport', { type: 'startRecheck', params: { trigger: 'changeReport' } }],
              },
            ],
          },
        },
        rechecking: {
          // 复核: the household's economy checked again through every source [31]
          meta: {
            owner: 'county',
            deadline: 'dataCheck',
            labelZh: '复核：经济状况核对中',
            automatic: true,
          } satisfies Meta,
          entry: 'runDataCheck',
          on: {
            DATA_CHECK_COMPLETED: [
              {
                guard: 'checkIncomplete',
                target: 'recheckIncomplete',
                actions: 'recordCheckRun',
              },
              { guard: 'checkReported', target: 'reviewingRecheck', actions: 'recordCheckRun' },
            ],
          },
        },
        recheckIncomplete: {
          meta: { owner: 'county', deadline: 'dataCheck', labelZh: '复核核对不完整，待重新核对' } satisfies Meta,
          after: { dataCheckRetry: { target: 'rechecking' } },
          on: { RERUN_DATA_CHECK: { guard: sentBy('county'), target: 'rechecking' } },
        },
        reviewingRecheck: {
          // The county decides on the re-check's result, with a written ground; stopping is TERMINATE [32]
          meta: { owner: 'county', deadline: 'countyDecision', labelZh: '复核结果审核' } satisfies Meta,
          on: {
            CONTINUE_BENEFIT: {
              guard: sentBy('county'),
              target: 'receiving',
              actions: [{ type: 'recordRecheckDecision', params: { outcome: 'continue' } }, 'changePayment'],
            },
            CHANGE_BENEFIT_AMOUNT: {
              guard: and([sentBy('county'), 'amountChanges']),
              target: 'receiving',
              actions: [
                { type: 'recordRecheckDecision', params: { outcome: 'changeAmount' } },
                'changePayment',
                { type: 'issueNotice', params: { kind: 'benefitChanged' } },
              ],
            },
            START_PHASE_OUT: {
              guard: sentBy('county'),
              target: 'phasingOut',
              actions: ['recordPhaseOut', 'changePayment', { type: 'issueNotice', params: { kind: 'phaseOut' } }],
            },
          },
        },
        phasingOut: {
          // 渐退期: payment goes on for the configured months after a member found work, then stops [33]
          meta: { labelZh: '渐退期' } satisfies Meta,
          after: {
            phaseOutEnd: {
              target: '#dibao.terminated',
              actions: ['recordPhaseOutEnded', { type: 'issueNotice', params: { kind: 'termination' } }],
            },
          },
          on: {
            REPORT_CHANGE: {
              guard: 'reportedByStaff',
              target: 'rechecking',
              actions: ['recordChangeReport', { type: 'startRecheck', params: { trigger: 'changeReport' } }],
            },
          },
        },
      },
    },
    notAccepted: { type: 'final', meta: { labelZh: '不予受理' } satisfies Meta },
    withdrawn: { type: 'final', meta: { labelZh: '申请人撤回' } satisfies Meta },
    rejected: { type: 'final', meta: { labelZh: '不予确认' } satisfies Meta },
    terminated: { type: 'final', meta: { labelZh: '已终止保障' } satisfies Meta },
  },
});

export type DibaoMachine = typeof dibaoMachine;
