/**
 * Temporary help (临时救助) as a statechart: procedure.md §3 (《社会救助暂行办法》第四十七、四十八条;
 * 民发〔2018〕23号). Two ways through:
 *
 * - expense-driven (支出型), the full chain: acceptance → home visit ∥ economic check → the
 *   township's opinion with the stages it proposes → notice → approval, by the township on the
 *   county's behalf when the total is within the county's ceiling (委托审批), otherwise by the
 *   county → paid in stages (一次审批、分阶段救助);
 * - emergency (急难型), help first (先行救助): the township pays at once (up to its ceiling; the
 *   county at any amount), skipping check, review and notice; the paperwork follows within its own
 *   clock, which escalates to the supervisor when missed.
 *
 * Like every chart it only declares effects (`issueNotice`, `runDataCheck`, the payment schedule and
 * the case to open it emits with their data, delayed transitions); the case workflow carries them
 * out. What each decision records is in `updates.ts`. No I/O: runs inside the workflow sandbox.
 */
import { and, assertEvent, assign, setup } from 'xstate';
import type { EmittedEffect } from '../engine/effects';
import { emitEffect } from '../engine/effects';
import { referredCase } from '../shared/caseEffects';
import type { Role } from '../shared/actors';
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
import type { NoticeKind, StepMeta } from '../shared/stateMeta';
import type { TemporaryHelpContext, TemporaryHelpInput } from './context';
import { amountAtStake, initialTemporaryHelpContext, scheduledPayment, withinCeiling } from './context';
import type { TemporaryHelpEvent } from './events';
import type { TemporaryHelpRules } from './rules';
import { temporaryHelpUpdates as u } from './updates';

export type TemporaryHelpDeadline = keyof TemporaryHelpRules['deadlines'];
type Meta = StepMeta<TemporaryHelpDeadline>;

const withdrawable = withdrawableIn('temporaryHelp');

/** Approval: stages recorded, the approval notice, and the first stage paid at once. */
const approve = (level: 'township' | 'county') =>
  ({
    guard: level === 'township' ? and([sentBy('township'), 'amountWithinCeiling']) : sentBy('county'),
    target: '#temporaryHelp.inPayment',
    actions: ['recordApproval', { type: 'issueNotice', params: { kind: 'approval' } }, 'startDisbursement'],
  }) as const;

const reject = (role: Role) =>
  ({
    guard: sentBy(role),
    target: '#temporaryHelp.rejected',
    actions: ['recordRejection', { type: 'issueNotice', params: { kind: 'rejection' } }],
  }) as const;

export const temporaryHelpMachine = setup({
  types: {
    context: {} as TemporaryHelpContext,
    events: {} as TemporaryHelpEvent,
    input: {} as TemporaryHelpInput,
    emitted: {} as EmittedEffect,
  },
  guards: {
    sentBy: sentByGuard,
    referredElsewhere: referredElsewhereGuard,
    ...dataCheckGuards,
    noMissingNoticeYet: ({ context }) => context.missingNotice === null,
    requiredMaterialsOnFile,
    /** The amount the decision would grant is within the county's township ceiling. */
    amountWithinCeiling: ({ context, event }) => withinCeiling(amountAtStake(context, event), context.rules),
    /** Help first by the township only up to its ceiling (asked without an amount: open to it). */
    emergencyWithinCeiling: ({ context, event }) => {
      assertEvent(event, 'HELP_FIRST');
      return event.amount === undefined || withinCeiling(event.amount, context.rules);
    },
    currentNoticeDrewObjections: ({ context }) => context.noticeObjections.some((o) => o.round === context.noticeRound),
    allStagesPaid: ({ context }) =>
      context.decision !== null && context.payments.length >= context.decision.stages.length,
  },
  actions: {
    // Effects: returned by `transition()` and carried out by the case workflow, never run here.
    issueNotice: (_, _params: { kind: NoticeKind }) => undefined,
    runDataCheck: () => undefined,
    startDisbursement: emitEffect(scheduledPayment),
    openReferredCase: emitEffect(referredCase),

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
    recordOpinion: assign(({ context, event }) => u.recordOpinion(context, event)),
    startNoticeRound: assign(({ context }) => u.startNoticeRound(context)),
    recordNoticeObjection: assign(({ context, event }) => u.recordNoticeObjection(context, event)),
    recordReferral: assign(({ context, event }) => u.recordReferral(context, event)),
    recordEmergencyPayment: assign(({ context, event }) => u.recordEmergencyPayment(context, event)),
    recordPaperwork: assign(({ context, event }) => u.recordPaperwork(context, event)),
    recordApproval: assign(({ context, event }) => u.recordApproval(context, event)),
    recordRejection: assign(({ context, event }) => u.recordRejection(context, event)),
    recordStagePayment: assign(({ context, event }) => u.recordStagePayment(context, event)),
    recordDeclined: assign(({ context, event }) => u.recordDeclined(context, event)),
    recordWithdrawal: assign(({ context, event }) => u.recordWithdrawal(context, event)),
  },
  delays: {
    publicNoticePeriod: ({ context, event }) => periodAfter(event, context, context.rules.publicNotice.value),
    dataCheckRetry: ({ context, event }) => periodAfter(event, context, context.rules.dataCheck.retryAfter.value),
  },
}).createMachine({
  id: 'temporaryHelp',
  context: ({ input }) => initialTemporaryHelpContext(input),
  initial: 'intake',
  states: {
    intake: {
      // 受理; an emergency may be helped first from here, before any formality
      meta: { owner: 'window', labelZh: '受理' } satisfies Meta,
      ...intakeSteps('temporaryHelp'),
      on: {
        HELP_FIRST: [
          {
            guard: and([sentBy('township'), 'emergencyWithinCeiling']),
            target: '#temporaryHelp.emergencyFollowUp',
            actions: ['recordEmergencyPayment', 'startDisbursement'],
          },
          {
            guard: sentBy('county'),
            target: '#temporaryHelp.emergencyFollowUp',
            actions: ['recordEmergencyPayment', 'startDisbursement'],
          },
        ],
      },
    },
    emergencyFollowUp: {
      // 先行救助后补办手续: paid already; recipient, reason, amount and signatures within the clock
      meta: { owner: 'township', deadline: 'emergencyPaperwork', labelZh: '先行救助，待补办手续' } satisfies Meta,
      on: {
        RECORD_EMERGENCY_PAPERWORK: sentByEither(['township', 'county'], {
          target: 'completed',
          actions: 'recordPaperwork',
        }),
      },
    },
    investigation: {
      // 入户调查 ∥ 经济状况核对 (支出型); the township's review clock runs from acceptance to its opinion
      meta: { labelZh: '调查核实', deadline: 'townshipReview' } satisfies Meta,
      type: 'parallel',
      on: { ...withdrawable },
      states: {
        homeVisit: homeVisitRegion('townshipReview'),
        dataCheck: dataCheckRegion(),
      },
      onDone: 'townshipReview',
    },
    townshipReview: {
      // 乡镇审核: an approval proposes the stages and goes to notice; a rejection goes to whoever decides
      meta: { owner: 'township', deadline: 'townshipReview', labelZh: '乡镇审核' } satisfies Meta,
      on: {
        PROPOSE_APPROVAL: {
          guard: and([sentBy('township'), 'dataCheckPassed']),
          target: 'publicNotice',
          actions: ['recordOpinion', 'startNoticeRound', { type: 'issueNotice', params: { kind: 'publicNotice' } }],
        },
        PROPOSE_REJECTION: [
          {
            guard: and([sentBy('township'), 'amountWithinCeiling']),
            target: 'townshipApproval',
            actions: 'recordOpinion',
          },
          { guard: sentBy('township'), target: 'countyApproval', actions: 'recordOpinion' },
        ],
        SEND_BACK: sendBack('township', 'townshipReview', [
          '#temporaryHelp.investigation.homeVisit.pending',
          '#temporaryHelp.investigation.dataCheck.completed',
        ]),
        ...withdrawable,
      },
    },
    publicNotice: {
      // 公示: objections send the file back for a new review; otherwise the total routes the approval
      meta: { owner: 'village', labelZh: '村（居）公示' } satisfies Meta,
      on: {
        FILE_NOTICE_OBJECTION: sentByEither(['village', 'window'], { actions: 'recordNoticeObjection' }),
        ...withdrawable,
      },
      after: {
        publicNoticePeriod: [
          { guard: 'currentNoticeDrewObjections', target: 'townshipReview' },
          { guard: 'amountWithinCeiling', target: 'townshipApproval' },
          { target: 'countyApproval' },
        ],
      },
    },
    townshipApproval: {
      // 乡镇审批（受县级委托）: only up to the county's ceiling; more goes to the county
      meta: { owner: 'township', deadline: 'approval', labelZh: '乡镇审批（委托）' } satisfies Meta,
      on: {
        APPROVE: approve('township'),
        REJECT: reject('township'),
        REFER_TO_COUNTY: { guard: sentBy('township'), target: 'countyApproval', actions: 'recordReferral' },
        SEND_BACK: sendBack('township', 'townshipApproval', 'townshipReview'),
        ...withdrawable,
      },
    },
    countyApproval: {
      // 县级审批: amounts above the township's ceiling, and cases the township refers
      meta: { owner: 'county', deadline: 'approval', labelZh: '县级审批' } satisfies Meta,
      on: {
        APPROVE: approve('county'),
        REJECT: reject('county'),
        SEND_BACK: sendBack('county', 'countyApproval', 'townshipReview'),
        ...withdrawable,
      },
    },
    inPayment: {
      // 分阶段发放: the first stage went with the approval; the township records each later one
      meta: { labelZh: '分阶段发放中' } satisfies Meta,
      always: { guard: 'allStagesPaid', target: 'completed' },
      on: { RECORD_STAGE_PAYMENT: { guard: sentBy('township'), actions: 'recordStagePayment' } },
    },
    notAccepted: { type: 'final', meta: { labelZh: '不予受理' } satisfies Meta },
    withdrawn: { type: 'final', meta: { labelZh: '申请人撤回' } satisfies Meta },
    rejected: { type: 'final', meta: { labelZh: '不予救助' } satisfies Meta },
    completed: { type: 'final', meta: { labelZh: '救助完成' } satisfies Meta },
  },
});

export type TemporaryHelpMachine = typeof temporaryHelpMachine;
