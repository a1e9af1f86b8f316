/**
 * `npm run risk:sweep [-- --county 370902]`: assesses every active case (of one county, if given)
 * against the risk rules once, on the running worker, and prints what it found. `npm run risk:sweep -- --schedule [--every 24h]` instead
 * creates (or updates) the Temporal Schedule that runs the sweep periodically.
 * Reaches Temporal at TEMPORAL_ADDRESS, or the local dev server `npm start` runs.
 */
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { loadEnv } from '../config/env';
import { temporalDataConverter } from '../temporal/dataConverter';
import { ensureRiskSweepSchedule } from '../temporal/riskSweepSchedule';
import { RISK_SWEEP_WORKFLOW_ID } from '../workflows/riskSweep';
import type { riskSweepWorkflow } from '../workflows/riskSweep';
import { payloadKeysFor, say } from './lib/bootstrap';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      schedule: { type: 'boolean', default: false },
      every: { type: 'string', default: '24h' },
      county: { type: 'string' },
    },
  });
  const env = loadEnv();
  const address = env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_PORT}`;
  // Without TEMPORAL_ADDRESS this is npm start's dev server, and its key ring beside its state.
  const payloadKeys = payloadKeysFor(env);
  const connection = await Connection.connect({ address });
  const client = new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: temporalDataConverter(payloadKeys),
  });
  try {
    if (values.schedule) {
      if (!/^\d+(s|m|h|d)$/.test(values.every)) throw new Error('--every must be like 30m, 6h or 1d');
      const outcome = await ensureRiskSweepSchedule(client, {
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        every: values.every as Duration,
      });
      say(`risk sweep schedule ${outcome}: every ${values.every} on task queue ${env.TEMPORAL_TASK_QUEUE}`);
      return;
    }
    if (values.county !== undefined && !/^\d{6}$/.test(values.county))
      throw new Error('--county must be a 6-digit county code');
    const scope = values.county === undefined ? 'active cases' : `active cases of county ${values.county}`;
    say(`sweeping ${scope} on task queue ${env.TEMPORAL_TASK_QUEUE} (a worker must be running)…`);
    const result = await client.workflow.execute<typeof riskSweepWorkflow>('riskSweepWorkflow', {
      workflowId: `${RISK_SWEEP_WORKFLOW_ID}-manual-${Date.now()}`,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      args: [{ county: values.county }],
    });
    say(`assessed ${result.assessed} case(s): ${result.warnings} warning(s) found, ${result.failed} not assessed`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
