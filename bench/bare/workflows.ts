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
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import type { BareActivities } from './activities';

export interface BarePlan {
  /**
   * After the first step, in the background as a case's data check: one local activity, this many
   * in parallel (one per source), one more (the run's report), then the recorded result.
   */
  fanOut: number;
  /** After this many steps, a timer of `timerMs` runs (the notice), followed by one activity. */
  timerAfterStep: number;
  timerMs: number;
  /** Steps (updates) the case takes in all. */
  steps: number;
  /** Sizes of the rows each record writes (the Yilian side's average case row and event row). */
  caseBytes: number;
  eventBytes: number;
}

/** Runs `activities` no-op activities; returns the state counter. */
export const bareStepUpdate = defineUpdate<number, [number]>('bareStep');
export const bareReadyUpdate = defineUpdate<number>('bareReady');
export const bareStateQuery = defineQuery<number>('bareState');
export const bareCheckedQuery = defineQuery<boolean>('bareChecked');

const retry: RetryPolicy = {
  initialInterval: '200 milliseconds',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
};
const { touch: write } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds', retry });
// The case workflow's data check runs as local activities; the baseline's fan-out does too.
const { touchLocally } = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '30 seconds', retry });

export async function bareWorkflow(plan: BarePlan): Promise<number> {
  let ready = false;
  let steps = 0;
  let state = 0;
  let checked = false;
  // Every record carries rows of the Yilian side's sizes, numbered as Yilian numbers its events.
  let seq = 0;
  const caseBody = 'x'.repeat(plan.caseBytes);
  const eventBody = 'x'.repeat(plan.eventBytes);
  const touch = () => {
    seq += 1;
    return write({ workflowId: workflowInfo().workflowId, seq, caseBody, eventBody });
  };
  setHandler(bareStateQuery, () => state);
  setHandler(bareCheckedQuery, () => checked);
  const fanOut = async () => {
    await touchLocally();
    await Promise.all(Array.from({ length: plan.fanOut }, () => touchLocally()));
    await touchLocally();
    await touch(); // the result's record, a queued activity as in the case workflow
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
