/** `npm run worker`: the Temporal worker alone (for deployments that scale it apart from the API). */
import { loadEnv } from '../config/env';
import {
  configureLogging,
  installWorkerRuntime,
  loadLocalConfiguration,
  payloadKeysFor,
  prepareDatabase,
  reachTemporal,
  runWorker,
} from './lib/bootstrap';
import type { StartedPieces } from './lib/shutdown';
import { onShutdown } from './lib/shutdown';

async function main(): Promise<void> {
  const env = loadEnv();
  configureLogging(env, 'json');
  await installWorkerRuntime(env);
  const pieces: StartedPieces = {};
  onShutdown(pieces);
  const local = loadLocalConfiguration(env);
  const payloadKeys = payloadKeysFor(env);
  pieces.pool = await prepareDatabase(env, { setUp: 'whenNeeded' });
  const temporal = await reachTemporal(env, { startDevServer: false });
  pieces.worker = await runWorker(env, temporal, pieces.pool, payloadKeys, local.extraConfigEntries);
  await pieces.worker.running;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
