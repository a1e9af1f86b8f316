/**
 * The baseline for the overhead benchmark: a bare Temporal workflow doing the same number of
 * updates, activities and timers as a dibao case — with no chart, no validation and no read model.
 * Deterministic sandbox code.
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type * as activities from './activities';

export interface BarePlan {
  /**
   * After the first step, in the background as a case's data check: one activity, this many in
   * parallel (one per source), then two more (the run's report and the recorded result).
   */
  fanOut: number;
  /** After this many steps, a timer of `timerMs` runs (the notice), followed by one activity. */
  timerAfterStep: number;
  timerMs: number;
  /** Steps (updates) the case takes in all. */
  steps: number;
}

/** Runs `activities` no-op activities; returns the state counter. */
export const bareStepUpdate = defineUpdate<number, [number]>('bareStep');
export const bareReadyUpdate = defineUpdate<number>('bareReady');
export const bareStateQuery = defineQuery<number>('bareState');
export const bareCheckedQuery = defineQuery<boolean>('bareChecked');

const { touch } = proxyActivities<typeof activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export async function bareWorkflow(plan: BarePlan): Promise<number> {
  let ready = false;
  let steps = 0;
  let state = 0;
  let checked = false;
  setHandler(bareStateQuery, () => state);
  setHandler(bareCheckedQuery, () => checked);
  const fanOut = async () => {
    await touch();
    await Promise.all(Array.from({ length: plan.fanOut }, () => touch()));
    await touch();
    await touch();
    checked = true;
  };
  setHandler(bareReadyUpdate, async () => {
    await condition(() => ready);
    return state;
  });
  setHandler(
    bareStepUpdate,
    async (activityCount) => {
      steps += 1;
      state += 1;
      if (steps === 1) void fanOut();
      await Promise.all(Array.from({ length: activityCount }, () => touch()));
      return state;
    },
    {
      validator: (activityCount: number) => {
        if (!Number.isInteger(activityCount) || activityCount < 1) throw new Error('activityCount must be ≥ 1');
      },
    }
  );
  await touch();
  ready = true;
  await condition(() => steps >= plan.timerAfterStep);
  await sleep(plan.timerMs);
  await touch();
  state += 1;
  await condition(() => steps >= plan.steps && checked);
  await condition(allHandlersFinished);
  return state;
}
