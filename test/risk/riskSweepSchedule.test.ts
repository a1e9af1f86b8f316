/**
 * The Temporal Schedule of the risk sweep, on the run's real Temporal server: created once, updated
 * (not duplicated) when asked again with another interval.
 */
import { Client, Connection } from '@temporalio/client';
import { ensureRiskSweepSchedule, RISK_SWEEP_SCHEDULE_ID } from '../../temporal/riskSweepSchedule';
import { testEnvironment, uniqueTaskQueue } from '../support/environment';

let connection: Connection;
let client: Client;

beforeAll(async () => {
  const env = testEnvironment();
  connection = await Connection.connect({ address: env.temporalAddress });
  client = new Client({ connection, namespace: env.namespace, dataConverter: env.dataConverter });
});
afterAll(async () => {
  await client?.schedule
    .getHandle(RISK_SWEEP_SCHEDULE_ID)
    .delete()
    .catch(() => undefined);
  await connection?.close();
});

describe('risk sweep / schedule', () => {
  it('creates the schedule once and updates its interval when asked again', async () => {
    const taskQueue = uniqueTaskQueue('risk-schedule');
    expect(await ensureRiskSweepSchedule(client, { taskQueue, every: '1d' })).toBe('created');
    expect(await ensureRiskSweepSchedule(client, { taskQueue, every: '6h' })).toBe('updated');
    const description = await client.schedule.getHandle(RISK_SWEEP_SCHEDULE_ID).describe();
    expect(description.spec.intervals?.map((i) => i.every)).toEqual([6 * 3600_000]);
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'riskSweepWorkflow', taskQueue });
    expect(description.policies.overlap).toBe('SKIP');
  });
});
