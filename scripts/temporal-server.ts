/**
 * `npm run temporal`: a local Temporal dev server for development, persisted to TEMPORAL_DB_FILE so
 * cases survive restarts, on TEMPORAL_PORT with the Web UI on TEMPORAL_UI_PORT. Runs until Ctrl-C.
 */
import { loadEnv } from '../config/env';
import { startPersistentDevServer } from './lib/bootstrap';

async function main(): Promise<void> {
  const env = loadEnv();
  const server = await startPersistentDevServer(env, console.log);
  console.log(`Temporal address: ${server.address}  namespace: ${server.namespace}`);
  if (server.uiUrl !== undefined) console.log(`Temporal Web UI:  ${server.uiUrl}`);
  if (env.TEMPORAL_ADDRESS !== undefined && env.TEMPORAL_ADDRESS !== server.address) {
    console.log(`Note: TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}, so the API and worker will not use this server`);
  }
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Temporal...`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  // The SDK fallback gives us no process to watch; keep running until a signal arrives.
  if (server.exited === undefined) {
    setInterval(() => undefined, 1 << 30);
    return;
  }
  const exit = await server.exited;
  if (!stopping) {
    console.error(`Temporal dev server exited unexpectedly (${exit.signal ?? `exit code ${exit.code}`})`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
