/**
 * `npm run replay [-- --days 30] [--batch 100]`: before a deploy, replays the histories of every
 * running Yilian workflow and of those closed in the last `--days` days (default 30), fetched from
 * the Temporal server in TEMPORAL_ADDRESS (namespace TEMPORAL_NAMESPACE), against the workflow code
 * in this checkout. Prints a summary and each failure (workflow id, run, type, error); exit code 1
 * on any failure, 2 when the replay could not run. Reads only. The histories' payloads are
 * encrypted: it needs the deployment's key ring (PAYLOAD_KEY_FILE or PAYLOAD_KEYS, as the workers
 * have it). See docs/change-safety.md.
 */
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadEnv } from '../config/env';
import { temporalDataConverter } from '../temporal/dataConverter';
import { replayFromServer } from '../temporal/replay';
import { payloadKeysFor } from './lib/bootstrap';

function positiveInteger(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { days: { type: 'string', default: '30' }, batch: { type: 'string', default: '100' } },
  });
  const closedWithinDays = positiveInteger(values.days, 'days');
  const batchSize = positiveInteger(values.batch, 'batch');
  const env = loadEnv();
  const address = env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: say which Temporal server to read the histories from');
  const namespace = env.TEMPORAL_NAMESPACE;
  const payloadKeys = payloadKeysFor(env);
  // One line per replay worker start and stop would bury the summary.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace, dataConverter: temporalDataConverter(payloadKeys) });
    console.log(
      `Replaying running workflows and those closed in the last ${closedWithinDays} day(s) from ${address}/${namespace}…`
    );
    let seen = 0;
    const summary = await replayFromServer(client, {
      closedWithinDays,
      batchSize,
      workflowBundlePath: process.env.YILIAN_WORKFLOW_BUNDLE,
      onBatch: (batch) => {
        seen += batch.replayed;
        console.log(`  … ${seen} replayed, ${batch.failures.length} failed in this batch`);
      },
    });
    for (const f of summary.failures) console.error(`FAILED ${f.workflowType} ${f.label}: ${f.error}`);
    console.log(`${summary.replayed} history(ies) replayed, ${summary.failures.length} failed`);
    return summary.failures.length > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
);
