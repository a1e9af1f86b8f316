/**
 * The 特困人员 (extreme-poverty support) procedure as a statechart: 《特困人员认定办法》, procedure.md
 * §2; [n] are its articles. The single source of truth for which decisions are possible when, and
 * who may take them. Like dibao's chart it only *declares* effects (`issueNotice`, `runDataCheck`,
 * the payment and the case to open it emits with their data, delayed transitions); the case
 * workflow carries them out. What each decision records is in `updates.ts`.
 *
 * What sets it apart: a second notice after objections [15]; the county's random home-check sample
 * (a sampled case cannot be approved before the county's own home check is recorded) [16]; the
 * self-care assessment that sets the care level [20–23]; termination with its own notice [26] and
 * a recorded suggestion to move onto dibao or temporary help [27].
 * No I/O: runs inside the workflow sandbox.
 */
import { and, assign, or, setup } from 'xstate';
import type { EmittedEffect } from '../engine/effects';
import { emitEffect } from '../engine/effects';
import { firstMonthlyPayment } from '../shared/caseEffects';
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
import type { TekunContext, TekunInput } from './context';
import { initialTekunContext } from './context';
import type { TekunEvent } from './events';
import type { TekunRules } from './rules';
import { tekunReferredCase, tekunUpdates as u } from './updates';

export type TekunDeadline = keyof TekunRules['deadlines'];
type Meta = StepMeta<TekunDeadline>;

/** The applicant may withdraw, through the window, at any step before the decision. */
const withdrawable = withdrawableIn('tekun');

/** Objections to a posted notice come through the village or the window. */
const objectionFrom = <const A extends string>(action: A) => sentByEither(['village', 'window'], { actions: action });

export const tekunMachine = setup({
  types: {
    context: {} as TekunContext,
    events: {} as TekunEvent,
    input: {} as TekunInput,
    emitted: {} as EmittedEffect,
  },
  guards: {
    sentBy: sentByGuard,
    referredElsewhere: referredElsewhereGuard,
    ...dataCheckGuards,
    noMissingNoticeYet: ({ context }) => context.missingNotice === null,
    /** Every supporter's own check authorisation is on file before acceptance [10, 12]. */
    requiredMaterialsOnFile,
    /** Objections to the first notice re-open the file; after the second, the county weighs them [15–16]. */
    firstNoticeDrewObjections: ({ context }) =>
      context.noticeRound === 1 && context.noticeObjections.some((o) => o.round === 1),
    /** A sampled case, or one with a named complaint, needs the county's own home check first [16]. */
    countyHomeCheckSatisfied: ({ context }) =>
      context.countyHomeChecks.length > 0 ||
      !(context.homeCheckSample?.sampled === true || context.noticeObjections.some((o) => o.complaint)),
    careLevelAssessed: ({ context }) => context.careAssessment !== null,
    terminationDrewObjections: ({ context }) => (context.termination?.objections.length ?? 0) > 0,
  },
  actions: {
    // Effects: returned by `transition()` and carried out by the case workflow, never run here.
    issueNotice: (_, _params: { kind: NoticeKind }) => undefined,
    runDataCheck: () => undefined,
    startDisbursement: emitEffect(firstMonthlyPayment),
    /** A home visit's referral, or moving onto dibao after a termination [27]: that case opens from this application. */
    openReferredCase: emitEffect(tekunReferredCase),

    recordCheckRun: assign({ dataCheck: ({ context, event }) => withCheckRun(context.dataCheck, event) }),
    recordCheckPassed: assign({ dataCheck: ({ context }) => withCheckPassed(context.dataCheck) }),
    recordCheckFailed: assign({ dataCheck: ({ context, event }) => withCheckFailed(context.dataCheck, event) }),
    recordCheckObjection: assign({ dataCheck: ({ context, event }) => withObjection(context.dataCheck, event) }),
    recordSendBack: assign({ sentBack: ({ event }, params: { from: string }) => sentBackOf(event, params.from) }),
    recordMissingNotice: assign(({ context, event }) => intake.recordMissingNotice(context, event)),
    recordSuppliedMaterials: assign(({ context, event }) => intake.recordSuppliedMaterials(context, event)),
    recordAcceptance: assign(({ context, event }) => intake.recordAcceptance(context, event)),
    recordHomeVisit: assign(({ context, event }) => intake.recordHomeVisit(context, event)),
    recordProgramReferral: assign(({ context, event }) => intake.recordProgramReferral(context, event)),
    recordCommunityReview: assign(({ context, event }) => u.recordCommunityReview(context, event)),
    recordOpinion: assign(({ context, event }) => u.recordOpinion(context, event)),
    startNoticeRound: assign(({ context }) => u.startNoticeRound(context)),
    recordNoticeObjection: assign(({ context, event }) => u.recordNoticeObjection(context, event)),
    drawHomeCheckSample: assign(({ context, event }) => u.drawHomeCheckSample(context, event)),
    recordCountyHomeCheck: assign(({ context, event }) => u.recordCountyHomeCheck(context, event)),
    recordSelfCareAssessment: assign(({ context, event }) => u.recordSelfCareAssessment(context, event)),
    recordApproval: assign(({ context, event }) => u.recordApproval(context, event)),
    recordRejection: assign(({ context, event }) => u.recordRejection(context, event)),
    recordDeclined: assign(({ context, event }) => u.recordDeclined(context, event)),
    recordWithdrawal: assign(({ context, event }) => u.recordWithdrawal(context, event)),
    recordTerminationProposal: assign(({ context, event }) => u.recordTerminationProposal(context, event)),
    recordTerminationObjection: assign(({ context, event }) => u.recordTerminationObjection(context, event)),
    recordTerminationFinding: assign(({ context, event }) => u.recordTerminationFinding(context, event)),
    cancelTermination: assign(() => u.cancelTermination()),
    recordTermination: assign(({ context, event }) => u.recordTermination(context, event)),
  },
  delays: {
    /** Runs from the moment the notice is posted to the end of its last day [15]. */
    publicNoticePeriod: ({ context, event }) => periodAfter(event, context, context.rules.publicNotice.value),
    /** The planned termination's posting [26]. */
    terminationNoticePeriod: ({ context, event }) => periodAfter(event, context, context.rules.terminationNotice.value),
    dataCheckRetry: ({ context, event }) => periodAfter(event, context, context.rules.dataCheck.retryAfter.value),
  },
}).createMachine({
  id: 'tekun',
  context: ({ input }) => initialTekunContext(input),
  initial: 'intake',
  states: {
    intake: {
      // 受理，一次性告知 [12]
      meta: { owner: 'window', labelZh: '受理' } satisfies Meta,
      ...intakeSteps('tekun'),
    },
    investigation: {
      // 入户调查 ∥ 经济状况核对; the township's 15-wd clock runs from acceptance to its opinion [13]
      meta: { labelZh: '调查核实', deadline: 'townshipReview' } satisfies Meta,
      type: 'parallel',
      on: { ...withdrawable },
      states: {
        homeVisit: homeVisitRegion('townshipReview'),
        dataCheck: dataCheckRegion(),
      },
      onDone: 'firstReview',
    },
    firstReview: {
      // 乡镇初审, with a community review where needed [13–14]; a failed check leads only to rejection
      meta: { owner: 'township', deadline: 'townshipReview', labelZh: '乡镇初审' } satisfies Meta,
      on: {
        RECORD_COMMUNITY_REVIEW: { guard: sentBy('township'), actions: 'recordCommunityReview' },
        RECORD_SELF_CARE_ASSESSMENT: { guard: sentBy('township'), actions: 'recordSelfCareAssessment' },
        PROPOSE_APPROVAL: {
          guard: and([sentBy('township'), 'dataCheckPassed']),
          target: 'publicNotice',
          actions: ['recordOpinion', 'startNoticeRound', { type: 'issueNotice', params: { kind: 'publicNotice' } }],
        },
        PROPOSE_REJECTION: { guard: sentBy('township'), target: 'countyReview', actions: 'recordOpinion' },
        SEND_BACK: sendBack('township', 'firstReview', [
          '#tekun.investigation.homeVisit.pending',
          '#tekun.investigation.dataCheck.completed',
        ]),
        ...withdrawable,
      },
    },
    publicNotice: {
      // 公示 7 日 [15]; the same step posts the second notice after objections
      meta: { owner: 'village', labelZh: '村（居）公示' } satisfies Meta,
      on: { FILE_NOTICE_OBJECTION: objectionFrom('recordNoticeObjection'), ...withdrawable },
      after: {
        publicNoticePeriod: [
          { guard: 'firstNoticeDrewObjections', target: 'objectionReview' },
          { target: 'countyReview' },
        ],
      },
    },
    objectionReview: {
      // 公示异议处理: re-investigate, a new opinion within 15 wd, then a second notice [15]
      meta: { owner: 'township', deadline: 'revisedOpinion', labelZh: '公示异议处理' } satisfies Meta,
      on: { ...withdrawable },
      ...objectionReviewSteps({
        chartId: 'tekun',
        deadline: 'revisedOpinion',
        approval: {
          target: '#tekun.publicNotice',
          actions: [
            'recordOpinion',
            'startNoticeRound',
            { type: 'issueNotice', params: { kind: 'secondPublicNotice' } },
          ],
        },
      }),
    },
    countyReview: {
      // 县级审核确认: the whole file, a random ≥ 30 % home-check sample drawn on arrival, 15 wd [16]
      meta: { owner: 'county', deadline: 'countyDecision', labelZh: '县级审核确认' } satisfies Meta,
      entry: 'drawHomeCheckSample',
      on: {
        RECORD_COUNTY_HOME_CHECK: { guard: sentBy('county'), actions: 'recordCountyHomeCheck' },
        RECORD_SELF_CARE_ASSESSMENT: { guard: sentBy('county'), actions: 'recordSelfCareAssessment' },
        APPROVE: {
          guard: and([sentBy('county'), 'countyHomeCheckSatisfied', 'careLevelAssessed']),
          target: 'inPayment',
          // Support from the month after approval [17]: the first payment is scheduled with the decision
          actions: ['recordApproval', { type: 'issueNotice', params: { kind: 'approval' } }, 'startDisbursement'],
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
      // Written reasons within 3 wd [18]
      meta: { owner: 'township', deadline: 'rejectionNotice', labelZh: '送达不予认定通知' } satisfies Meta,
      on: { DELIVER_REJECTION_NOTICE: { guard: sentBy('township'), target: 'rejected' } },
    },
    inPayment: {
      // 供养中: a change of condition is re-assessed [23]; termination is planned and posted [24–26]
      meta: { labelZh: '供养中（按月发放）' } satisfies Meta,
      on: {
        RECORD_SELF_CARE_ASSESSMENT: sentByEither(['township', 'county'], { actions: 'recordSelfCareAssessment' }),
        PROPOSE_TERMINATION: {
          guard: or([sentBy('township'), sentBy('county')]),
          target: 'terminationNotice',
          actions: ['recordTerminationProposal', { type: 'issueNotice', params: { kind: 'terminationNotice' } }],
        },
      },
    },
    terminationNotice: {
      // 终止公示 7 日 [26]: no objection → support ends; objections → the county decides
      meta: { owner: 'village', labelZh: '拟终止供养公示' } satisfies Meta,
      on: { FILE_TERMINATION_OBJECTION: objectionFrom('recordTerminationObjection') },
      after: {
        terminationNoticePeriod: [
          { guard: 'terminationDrewObjections', target: 'terminationReview' },
          {
            target: 'terminated',
            actions: [
              'recordTermination',
              { type: 'issueNotice', params: { kind: 'termination' } },
              'openReferredCase',
            ],
          },
        ],
      },
    },
    terminationReview: {
      // The county decides on the objections within 15 wd and posts the result again [26]
      meta: { owner: 'county', deadline: 'terminationDecision', labelZh: '终止异议审核' } satisfies Meta,
      on: {
        CONFIRM_TERMINATION: {
          guard: sentBy('county'),
          target: 'terminated',
          actions: [
            'recordTerminationFinding',
            'recordTermination',
            { type: 'issueNotice', params: { kind: 'termination' } },
            'openReferredCase',
          ],
        },
        CANCEL_TERMINATION: { guard: sentBy('county'), target: 'inPayment', actions: 'cancelTermination' },
      },
    },
    notAccepted: { type: 'final', meta: { labelZh: '不予受理' } satisfies Meta },
    withdrawn: { type: 'final', meta: { labelZh: '申请人撤回' } satisfies Meta },
    rejected: { type: 'final', meta: { labelZh: '不予认定' } satisfies Meta },
    terminated: { type: 'final', meta: { labelZh: '已终止供养' } satisfies Meta },
  },
});

export type TekunMachine = typeof tekunMachine;
