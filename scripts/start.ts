/**
 * `npm start`: everything on one machine with embedded defaults — the database on DATABASE_URL
 * (created and migrated), a local Temporal dev server (unless TEMPORAL_ADDRESS is set), the worker
 * and the API — then prints where the API is.
 */
import { loadEnv } from '../config/env';
import type { TemporalEndpoint } from './lib/bootstrap';
import {
  loadLocalConfiguration,
  onShutdown,
  prepareDatabase,
  reachTemporal,
  runWorker,
  say,
  serveApi,
} from './lib/bootstrap';

let temporal: TemporalEndpoint | undefined;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const env = loadEnv();
  const local = loadLocalConfiguration(env);
  const pool = await prepareDatabase(env);
  temporal = await reachTemporal(env, { startDevServer: true });
  say(`Temporal at ${temporal.address}${temporal.uiUrl ? ` (UI ${temporal.uiUrl})` : ''}`);
  const worker = await runWorker(env, temporal, pool, local.extraConfigEntries);
  const api = await serveApi(env, temporal, pool, local);
  say(`API ready at ${api.url} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s — try: curl ${api.url}/healthz`);

  const endpoint = temporal;
  onShutdown(async () => {
    await new Promise<void>((resolve) => api.server.close(() => resolve()));
    worker.worker.shutdown();
    await worker.running;
    await Promise.all([api.connection.close(), worker.connection.close()]);
    await pool.end();
    await endpoint.devServer?.stop();
  });
  worker.running.catch((error: unknown) => {
    console.error('worker stopped with an error', error);
    process.exit(1);
  });
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  // A dev server we started must not outlive a failed start.
  await temporal?.devServer?.stop().catch(() => undefined);
  process.exit(1);
});
