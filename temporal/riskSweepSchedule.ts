/**
 * The Temporal Schedule that runs the risk sweep periodically. Created or updated idempotently, so
 * running `npm run risk:sweep -- --schedule` again only changes the interval. One sweep at a time:
 * a sweep still running when the next is due makes the next one skip (overlap SKIP).
 */
import type { Client } from '@temporalio/client';
import { ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { RISK_SWEEP_WORKFLOW_ID } from '../workflows/riskSweep';

export const RISK_SWEEP_SCHEDULE_ID = 'yilian-risk-sweep';

export async function ensureRiskSweepSchedule(
  client: Client,
  options: { taskQueue: string; every: Duration }
): Promise<'created' | 'updated'> {
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'riskSweepWorkflow',
    workflowId: RISK_SWEEP_WORKFLOW_ID,
    taskQueue: options.taskQueue,
    args: [{}],
  };
  const spec = { intervals: [{ every: options.every }] };
  const handle = client.schedule.getHandle(RISK_SWEEP_SCHEDULE_ID);
  try {
    await handle.describe();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
    await client.schedule.create({
      scheduleId: RISK_SWEEP_SCHEDULE_ID,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
    return 'created';
  }
  await handle.update((previous) => ({ ...previous, spec, action }));
  return 'updated';
}
