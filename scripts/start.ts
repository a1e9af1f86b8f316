/**
 * `npm start`: everything on one machine with embedded defaults — the database on DATABASE_URL
 * (its roles created, migrated as the owner), the audit sealer, a local Temporal dev server (unless
 * TEMPORAL_ADDRESS is set), the worker and the API — then prints where the API is. Ctrl-C or SIGTERM
 * stops it in order (scripts/lib/shutdown.ts).
 */
import { loadEnv } from '../config/env';
import {
  configureLogging,
  installWorkerRuntime,
  loadLocalConfiguration,
  payloadKeysFor,
  prepareDatabase,
  reachTemporal,
  runWorker,
  say,
  serveApi,
} from './lib/bootstrap';
import { startSealer } from './lib/auditSealing';
import { seedAndAnnounceDemoStaff } from './lib/demoStaff';
import { loadOrgUnitFiles } from './lib/orgUnitLoading';
import { ensureConsoleBuilt } from './lib/consoleBuild';
import type { StartedPieces } from './lib/shutdown';
import { onShutdown, stopInOrder } from './lib/shutdown';
import { processLogger } from '../observability/logger';

// Filled in as each piece starts, so a signal or a failure during start-up stops what exists so far.
const pieces: StartedPieces = {};

async function main(): Promise<void> {
  const startedAt = Date.now();
  const env = loadEnv();
  configureLogging(env, 'pretty');
  await installWorkerRuntime(env);
  onShutdown(pieces);
  const local = loadLocalConfiguration(env);
  const payloadKeys = payloadKeysFor(env);
  pieces.pool = await prepareDatabase(env, { setUp: 'always' });
  pieces.sealer = await startSealer(env, say);
  await seedAndAnnounceDemoStaff(pieces.pool, env.DEMO_STAFF === 'true', say);
  await loadOrgUnitFiles(pieces.pool, env);
  const temporal = await reachTemporal(env, { startDevServer: true });
  pieces.devServer = temporal.devServer;
  say(`Temporal at ${temporal.address}${temporal.uiUrl ? ` (UI ${temporal.uiUrl})` : ''}`);
  if (temporal.metricsUrl) say(`Temporal server metrics at ${temporal.metricsUrl}`);
  const worker = await runWorker(env, temporal, pieces.pool, payloadKeys, local.extraConfigEntries);
  pieces.worker = worker;
  worker.running.catch((error: unknown) => {
    processLogger().error(
      `the worker stopped with an error: ${error instanceof Error ? error.message : String(error)}`
    );
    process.exit(1);
  });
  // The staff console is served by the API from web/dist: built here when missing or stale.
  await ensureConsoleBuilt(say);
  const api = await serveApi(env, temporal, pieces.pool, local, payloadKeys);
  pieces.http = api;
  say(`staff console at ${api.url}/`);
  say(`API ready at ${api.url} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s — try: curl ${api.url}/healthz`);
  say('Ctrl-C (or SIGTERM) stops the API, drains the worker, then stops Temporal');
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // A dev server we started must not outlive a failed start.
  await stopInOrder(pieces).catch(() => undefined);
  process.exit(1);
});
