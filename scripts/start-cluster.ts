/**
 * `npm run start:cluster`: the production topology on one machine (docs/topology.md) — the Temporal
 * server on the local PostgreSQL, CLUSTER_WORKERS worker processes, CLUSTER_APIS API processes serving
 * the console, and a round-robin proxy in front of them on PORT. Like `npm start` it first makes the
 * application's database ready, creates the payload key ring and runs the audit sealer. Ctrl-C or
 * SIGTERM stops the processes in reverse order: the proxy, the APIs, the workers, the server.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadEnv } from '../config/env';
import { ensureKeyRingFile } from '../temporal/payloadKeyFile';
import { locateServerBinaries, TEMPORAL_SERVER_VERSION } from '../temporal/serverBinaries';
import { startSealer } from './lib/auditSealing';
import { prepareDatabase, say } from './lib/bootstrap';
import { ensureConsoleBuilt } from './lib/consoleBuild';
import { seedAndAnnounceDemoStaff } from './lib/demoStaff';
import { loadOrgUnitFiles } from './lib/orgUnitLoading';
import type { StartedPieces } from './lib/shutdown';
import { stopInOrder } from './lib/shutdown';
import type { RunningCluster } from './cluster/cluster';
import { REPO_ROOT, startCluster } from './cluster/cluster';
import { reclaimOrphans } from './cluster/orphans';
import { clusterSettingsFrom, loadLauncherEnv } from './cluster/settings';

const pieces: StartedPieces = {};
let cluster: RunningCluster | undefined;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const env = loadEnv();
  const launcher = loadLauncherEnv();
  if (env.PAYLOAD_KEYS !== undefined) {
    throw new Error('the cluster shares its payload key ring as a file: set PAYLOAD_KEY_FILE instead of PAYLOAD_KEYS');
  }
  const settings = clusterSettingsFrom(env, launcher);
  onSignals();
  const binaries = await locateServerBinaries({ build: true, log: say });
  if (binaries === undefined) {
    throw new Error(
      `No Temporal server found and none could be built: install Go (https://go.dev/dl/) so ${TEMPORAL_SERVER_VERSION} ` +
        'can be built, or set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH'
    );
  }
  const stateFile = path.join(launcher.CLUSTER_DATA_DIR, 'processes.json');
  await mkdir(launcher.CLUSTER_DATA_DIR, { recursive: true });
  await reclaimOrphans(stateFile, { repoRoot: REPO_ROOT, serverBinary: binaries.server }, say);
  pieces.pool = await prepareDatabase(env, { setUp: 'always' });
  await seedAndAnnounceDemoStaff(pieces.pool, env.DEMO_STAFF === 'true', say);
  await loadOrgUnitFiles(pieces.pool, env);
  pieces.sealer = await startSealer(env, say);
  await mkdir(path.dirname(settings.payloadKeyFile), { recursive: true });
  const { created } = ensureKeyRingFile(settings.payloadKeyFile, say);
  if (created) say(`created the cluster's payload key ring in ${settings.payloadKeyFile} (mode 600): back it up`);
  // Every API process serves the console from web/dist; built once here, not by each of them.
  await ensureConsoleBuilt(say);
  cluster = await startCluster(settings, { binaries, log: say, stateFile });
  say(`staff console and API at ${cluster.proxyUrl}/ (round robin over ${cluster.apiUrls.join(', ')})`);
  say(`${binaries.version} at ${cluster.temporalAddress}, ${settings.workers} worker(s) on ${settings.taskQueue}`);
  say(`cluster ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; Ctrl-C (or SIGTERM) stops it`);
}

async function stopAll(): Promise<void> {
  const exits = (await cluster?.stop()) ?? [];
  await stopInOrder(pieces);
  const unclean = exits.filter((e) => e.code !== 0);
  if (unclean.length > 0) {
    throw new Error(
      `not stopped cleanly: ${unclean.map((e) => `${e.name} (${e.signal ?? `exit code ${e.code}`})`).join(', ')}`
    );
  }
}

function onSignals(): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the proxy, the APIs, the workers, then Temporal`);
    stopAll().then(
      () => {
        say('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`[yilian] shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll().catch(() => undefined);
  process.exit(1);
});
