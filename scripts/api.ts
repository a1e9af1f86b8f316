/** `npm run api`: the HTTP API alone, against TEMPORAL_ADDRESS and DATABASE_URL. */
import { loadEnv } from '../config/env';
import {
  configureLogging,
  loadLocalConfiguration,
  payloadKeysFor,
  prepareDatabase,
  reachTemporal,
  say,
  serveApi,
} from './lib/bootstrap';
import type { StartedPieces } from './lib/shutdown';
import { onShutdown } from './lib/shutdown';

async function main(): Promise<void> {
  const env = loadEnv();
  configureLogging(env, 'json');
  const pieces: StartedPieces = {};
  onShutdown(pieces);
  const local = loadLocalConfiguration(env);
  const payloadKeys = payloadKeysFor(env);
  pieces.pool = await prepareDatabase(env, { setUp: 'whenNeeded' });
  const temporal = await reachTemporal(env, { startDevServer: false });
  const api = await serveApi(env, temporal, pieces.pool, local, payloadKeys);
  pieces.http = api;
  say(`API ready at ${api.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
