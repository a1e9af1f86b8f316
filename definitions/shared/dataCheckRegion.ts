/**
 * The household economic check (家庭经济状况核对) as a chart region, for programs whose procedure
 * verifies the household's means (dibao, 特困, expense-driven temporary help): the check runs by itself
 * (`runDataCheck`), its result comes back as DATA_CHECK_COMPLETED from the engine, a required source
 * that stayed silent makes the check wait and ask again, a failed check is told to the applicant,
 * who may object with evidence, and a re-check that still fails goes to the township to weigh.
 * Every program that checks a household's means includes `dataCheckRegion()` and names the guards
 * and actions below in its `setup`. No I/O: runs inside the workflow sandbox.
 */
import type { SourceId } from '../eligibility';
import type { CheckRunSummary } from '../verification';
import { missingRequiredSources } from '../verification';
import { fromSystemGuard, sentBy } from './chartKit';
import type { StampedEvent } from './chartKit';
import type { StepMeta } from './stateMeta';

export interface DataCheckContext {
  outcome: 'pending' | 'passed' | 'failed';
  reasons: string[];
  objection: string | null;
  /** Every finished run, oldest first; a re-check is a new run beside the old ones. */
  runs: CheckRunSummary[];
  computedAmount: number | null;
}

export const initialDataCheck = (): DataCheckContext => ({
  outcome: 'pending',
  reasons: [],
  objection: null,
  runs: [],
  computedAmount: null,
});

type CheckCompleted = StampedEvent & CheckRunSummary;

interface CheckingArgs {
  context: {
    dataCheck: DataCheckContext;
    rules: { dataCheck: { requiredSources: { value: SourceId[] } } };
  };
  event: StampedEvent;
}

const completed = (event: StampedEvent) => event as CheckCompleted;

// Guards: each also requires the engine as sender, so no caller can fake a result.
export const dataCheckGuards = {
  /** A source the rules cannot do without did not answer: wait and ask again. */
  checkIncomplete: ({ context, event }: CheckingArgs) =>
    fromSystemGuard({ event }) &&
    missingRequiredSources(completed(event).unanswered, context.rules.dataCheck.requiredSources.value).length > 0,
  checkEligible: ({ event }: CheckingArgs) => fromSystemGuard({ event }) && completed(event).eligible,
  /** A re-check after an objection that still fails: the township weighs the evidence. */
  recheckAfterObjection: ({ context, event }: CheckingArgs) =>
    fromSystemGuard({ event }) && context.dataCheck.objection !== null,
  checkReported: ({ event }: CheckingArgs) => fromSystemGuard({ event }),
  dataCheckPassed: ({ context }: CheckingArgs) => context.dataCheck.outcome === 'passed',
};

// Pure updates of the check's part of the context; charts wrap each in `assign`.
export function withCheckRun(check: DataCheckContext, event: StampedEvent): DataCheckContext {
  const { type: _type, actor: _actor, at: _at, ...run } = completed(event);
  return { ...check, runs: [...check.runs, run], computedAmount: run.monthlyAmount ?? check.computedAmount };
}

export const withCheckPassed = (check: DataCheckContext): DataCheckContext => ({
  ...check,
  outcome: 'passed',
  reasons: [],
});

export function withCheckFailed(check: DataCheckContext, event: StampedEvent): DataCheckContext {
  return {
    ...check,
    outcome: 'failed',
    reasons: completed(event).failedConditions.map((c) => `${c.labelZh}：${c.explanationZh}`),
  };
}

export const withObjection = (check: DataCheckContext, event: StampedEvent): DataCheckContext => ({
  ...check,
  objection: (event as StampedEvent & { evidence: string }).evidence,
});

/**
 * The region's states; `completed` is final, so the enclosing parallel state ends with it. With a
 * `deadline`, the check's legal clock runs while it is being checked or waits for a silent source
 * (dibao's 3 wd [17]); without one, the step's own clock covers it.
 */
export function dataCheckRegion<TDeadline extends string>(deadline?: TDeadline) {
  const clock = deadline === undefined ? {} : { deadline };
  return {
    initial: 'checking',
    states: {
      checking: {
        meta: { owner: 'county', ...clock, labelZh: '经济状况核对中', automatic: true } satisfies StepMeta<TDeadline>,
        entry: 'runDataCheck',
        on: {
          DATA_CHECK_COMPLETED: [
            { guard: 'checkIncomplete', target: 'incomplete', actions: 'recordCheckRun' },
            { guard: 'checkEligible', target: 'completed', actions: ['recordCheckRun', 'recordCheckPassed'] },
            // A re-check after an objection that still fails goes to the township with the evidence
            { guard: 'recheckAfterObjection', target: 'reexamining', actions: ['recordCheckRun', 'recordCheckFailed'] },
            {
              guard: 'checkReported',
              target: 'failed',
              actions: [
                'recordCheckRun',
                'recordCheckFailed',
                { type: 'issueNotice', params: { kind: 'checkFailed' } },
              ],
            },
          ],
        },
      },
      incomplete: {
        // A required source did not answer: the check waits, then asks again (or the county does)
        meta: { owner: 'county', ...clock, labelZh: '核对结果不完整，待重新核对' } satisfies StepMeta<TDeadline>,
        after: { dataCheckRetry: { target: 'checking' } },
        on: { RERUN_DATA_CHECK: { guard: sentBy('county'), target: 'checking' } },
      },
      failed: {
        // The applicant is told and may object with evidence
        meta: { owner: 'window', labelZh: '核对未通过，可提出异议' } satisfies StepMeta<TDeadline>,
        on: {
          OBJECT_TO_CHECK: { guard: sentBy('window'), target: 'checking', actions: 'recordCheckObjection' },
          UPHOLD_CHECK_RESULT: { guard: sentBy('township'), target: 'completed' },
        },
      },
      reexamining: {
        meta: { owner: 'township', labelZh: '异议复查' } satisfies StepMeta<TDeadline>,
        on: {
          UPHOLD_CHECK_RESULT: { guard: sentBy('township'), target: 'completed' },
          OVERTURN_CHECK_RESULT: { guard: sentBy('township'), target: 'completed', actions: 'recordCheckPassed' },
        },
      },
      completed: { type: 'final' },
    },
  } as const;
}
