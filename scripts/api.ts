/** `npm run api`: the HTTP API alone, against TEMPORAL_ADDRESS and DATABASE_URL. */
import { loadEnv } from '../config/env';
import { loadLocalConfiguration, onShutdown, prepareDatabase, reachTemporal, say, serveApi } from './lib/bootstrap';

async function main(): Promise<void> {
  const env = loadEnv();
  const local = loadLocalConfiguration(env);
  const pool = await prepareDatabase(env);
  const temporal = await reachTemporal(env, { startDevServer: false });
  const api = await serveApi(env, temporal, pool, local);
  say(`API ready at ${api.url}`);
  onShutdown(async () => {
    await new Promise<void>((resolve) => api.server.close(() => resolve()));
    await api.connection.close();
    await pool.end();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
