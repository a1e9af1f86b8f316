/**
 * A referral (转办/转介) as a statechart: procedure.md §5 (《社会救助暂行办法》第六十条; 2020 opinion
 * §23). The township or window sends a household's need to a county department (education, medical,
 * housing…), which signs for it (签收) within one limit and reports what it did (办结) within
 * another; each limit reminds the department before it falls due and escalates to the supervisor
 * when missed (the engine's clock alarms). The department may return a referral that is not its
 * own (退回); the sender may withdraw it (撤回). Only a department of the referral's kind in its
 * county acts on it: the department is one of the case's orgs, so `sentBy('department')` checks both.
 * No I/O: runs inside the workflow sandbox.
 */
import { assign, setup } from 'xstate';
import { sentBy, sentByEither, sentByGuard } from '../shared/chartKit';
import type { StepMeta } from '../shared/stateMeta';
import type { ReferralContext, ReferralInput } from './context';
import { initialReferralContext, referralUpdates as u } from './context';
import type { ReferralEvent } from './events';
import type { ReferralRules } from './rules';

export type ReferralDeadline = keyof ReferralRules['deadlines'];
type Meta = StepMeta<ReferralDeadline>;

/** The sender (township or its window) takes the referral back while the department still has it. */
const withdrawable = {
  WITHDRAW: sentByEither(['township', 'window'], { target: '#referral.withdrawn', actions: 'recordWithdrawal' }),
} as const;

const returnable = {
  RETURN: { guard: sentBy('department'), target: '#referral.returned', actions: 'recordReturn' },
} as const;

export const referralMachine = setup({
  types: { context: {} as ReferralContext, events: {} as ReferralEvent, input: {} as ReferralInput },
  guards: { sentBy: sentByGuard },
  actions: {
    recordAcknowledgement: assign(({ context, event }) =>
      event.type === 'ACKNOWLEDGE' ? u.recordAcknowledgement(context, event) : {}
    ),
    recordOutcome: assign(({ context, event }) =>
      event.type === 'REPORT_OUTCOME' ? u.recordOutcome(context, event) : {}
    ),
    recordReturn: assign(({ context, event }) => (event.type === 'RETURN' ? u.recordReturn(context, event) : {})),
    recordWithdrawal: assign(({ context, event }) =>
      event.type === 'WITHDRAW' ? u.recordWithdrawal(context, event) : {}
    ),
  },
}).createMachine({
  id: 'referral',
  context: ({ input }) => initialReferralContext(input),
  initial: 'sent',
  states: {
    sent: {
      // 待签收: waits for the department; its acknowledgement clock runs from sending
      meta: { owner: 'department', deadline: 'acknowledge', labelZh: '待签收' } satisfies Meta,
      on: {
        ACKNOWLEDGE: { guard: sentBy('department'), target: 'acknowledged', actions: 'recordAcknowledgement' },
        ...returnable,
        ...withdrawable,
      },
    },
    acknowledged: {
      // 办理中: the department works on it; its outcome clock runs from acknowledgement
      meta: { owner: 'department', deadline: 'outcome', labelZh: '办理中' } satisfies Meta,
      on: {
        REPORT_OUTCOME: { guard: sentBy('department'), target: 'outcomeReported', actions: 'recordOutcome' },
        ...returnable,
        ...withdrawable,
      },
    },
    outcomeReported: { type: 'final', meta: { labelZh: '已办结' } satisfies Meta },
    returned: { type: 'final', meta: { labelZh: '已退回' } satisfies Meta },
    withdrawn: { type: 'final', meta: { labelZh: '已撤回' } satisfies Meta },
  },
});

export type ReferralMachine = typeof referralMachine;
