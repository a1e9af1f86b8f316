/**
 * Ongoing management of an approved dibao household (动态管理) [30–33], as the substates of the
 * chart's `inPayment`: re-checks by the cycle or on a reported change, through the same data check;
 * the county's written decision after each; and phase-out. The chart names the guards and actions
 * used here in its `setup`. No I/O: runs inside the workflow sandbox.
 */
import { and } from 'xstate';
import { sentBy } from '../shared/chartKit';
import type { StepMeta } from '../shared/stateMeta';
import type { DibaoRules } from './rules';

type Meta = StepMeta<keyof DibaoRules['deadlines']>;

const startRecheck = (trigger: 'scheduled' | 'changeReport') =>
  ({ type: 'startRecheck', params: { trigger } }) as const;

export const ongoingManagementSteps = {
  initial: 'receiving',
  states: {
    receiving: {
      meta: { labelZh: '保障中' } satisfies Meta,
      after: { recheckDue: { target: 'rechecking', actions: startRecheck('scheduled') } },
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
            actions: ['recordChangeReport', startRecheck('changeReport')],
          },
        ],
      },
    },
    rechecking: {
      // 复核: the household's economy checked again through every source [31]
      meta: { owner: 'county', deadline: 'dataCheck', labelZh: '复核：经济状况核对中', automatic: true } satisfies Meta,
      entry: 'runDataCheck',
      on: {
        DATA_CHECK_COMPLETED: [
          { guard: 'checkIncomplete', target: 'recheckIncomplete', actions: 'recordCheckRun' },
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
          actions: ['recordChangeReport', startRecheck('changeReport')],
        },
      },
    },
  },
} as const;
