/**
 * Acceptance at the window (受理) as every program runs it: the clerk reviews the materials and
 * accepts, declines, or lists every missing item in one notice (一次性告知, at most once) and waits
 * for them; the applicant may withdraw meanwhile. A chart includes `intakeSteps(chartId)` as its
 * intake state's substates and names the guards and actions below in its `setup`:
 * guards `sentBy`, `noMissingNoticeYet`; actions `recordAcceptance`, `recordMissingNotice`,
 * `recordDeclined`, `recordSuppliedMaterials`, `recordWithdrawal`, `issueNotice`.
 * No I/O: runs inside the workflow sandbox.
 */
import { and } from 'xstate';
import { sentBy } from './chartKit';
import type { StepMeta } from './stateMeta';

/** Withdrawal by the applicant, recorded at the window, before the decision. */
export const withdrawableIn = (chartId: string) =>
  ({ WITHDRAW: { guard: sentBy('window'), target: `#${chartId}.withdrawn`, actions: 'recordWithdrawal' } }) as const;

/** The intake's substates; acceptance goes on to the chart's `investigation`, a refusal to `notAccepted`. */
export function intakeSteps(chartId: string) {
  const withdrawable = withdrawableIn(chartId);
  return {
    initial: 'reviewingMaterials',
    states: {
      reviewingMaterials: {
        meta: { owner: 'window', labelZh: '材料审查' } satisfies StepMeta,
        on: {
          ACCEPT: { guard: sentBy('window'), target: `#${chartId}.investigation`, actions: 'recordAcceptance' },
          REQUEST_MISSING_MATERIALS: {
            guard: and([sentBy('window'), 'noMissingNoticeYet']),
            target: 'awaitingMaterials',
            actions: ['recordMissingNotice', { type: 'issueNotice', params: { kind: 'missingMaterials' } }],
          },
          DECLINE: {
            guard: sentBy('window'),
            target: `#${chartId}.notAccepted`,
            actions: ['recordDeclined', { type: 'issueNotice', params: { kind: 'notAccepted' } }],
          },
          ...withdrawable,
        },
      },
      awaitingMaterials: {
        // 一次性告知后等待补正
        meta: { owner: 'window', labelZh: '一次性告知，待补正材料' } satisfies StepMeta,
        on: {
          SUPPLY_MATERIALS: {
            guard: sentBy('window'),
            target: 'reviewingMaterials',
            actions: 'recordSuppliedMaterials',
          },
          ...withdrawable,
        },
      },
    },
  } as const;
}
