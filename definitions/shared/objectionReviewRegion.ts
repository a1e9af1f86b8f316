/**
 * Objections to a posted notice (公示异议处理), as dibao and 特困 run them: the township chooses how to
 * check them — a new home visit or a community review (民主评议) — and then proposes again. Where the
 * new proposal goes is the program's: dibao's goes to the county, 特困's to a second notice. A chart
 * includes `objectionReviewSteps(...)` as its `objectionReview` state's substates and names the guards
 * `sentBy`, `dataCheckPassed` and the actions `recordCommunityReview`, `recordHomeVisit`,
 * `recordOpinion`, `recordSendBack` in its `setup`. No I/O: runs inside the workflow sandbox.
 */
import { and } from 'xstate';
import { sendBack, sentBy } from './chartKit';
import type { StepMeta } from './stateMeta';

export function objectionReviewSteps<
  const TApproval extends { target: string; actions: unknown },
  TDeadline extends string = never,
>({
  chartId,
  deadline,
  approval,
}: {
  chartId: string;
  /** The clock the whole review runs under, when the program sets one. */
  deadline?: TDeadline;
  /** Where a proposal to approve goes, and what it does on the way. */
  approval: TApproval;
}) {
  const step = (labelZh: string) =>
    ({ owner: 'township', ...(deadline === undefined ? {} : { deadline }), labelZh }) satisfies StepMeta<TDeadline>;
  return {
    initial: 'choosingMethod',
    states: {
      choosingMethod: {
        meta: step('选择核实方式'),
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
        meta: step('重新调查'),
        on: {
          RECORD_HOME_VISIT: { guard: sentBy('township'), target: 'revisingOpinion', actions: 'recordHomeVisit' },
        },
      },
      revisingOpinion: {
        meta: step('重新提出初审意见'),
        on: {
          SEND_BACK: sendBack('township', 'objectionReview.revisingOpinion', 'choosingMethod'),
          PROPOSE_APPROVAL: { guard: and([sentBy('township'), 'dataCheckPassed']), ...approval },
          PROPOSE_REJECTION: {
            guard: sentBy('township'),
            target: `#${chartId}.countyReview`,
            actions: 'recordOpinion',
          },
        },
      },
    },
  } as const;
}
