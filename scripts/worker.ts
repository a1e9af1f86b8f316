/** `npm run worker`: the Temporal worker alone (for deployments that scale it apart from the API). */
import { loadEnv } from '../config/env';
import { loadLocalConfiguration, onShutdown, prepareDatabase, reachTemporal, runWorker } from './lib/bootstrap';

async function main(): Promise<void> {
  const env = loadEnv();
  const local = loadLocalConfiguration(env);
  const pool = await prepareDatabase(env);
  const temporal = await reachTemporal(env, { startDevServer: false });
  const { worker, running, connection } = await runWorker(env, temporal, pool, local.extraConfigEntries);
  onShutdown(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await pool.end();
  });
  await running;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
