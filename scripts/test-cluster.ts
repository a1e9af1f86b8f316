/**
 * `npm run test:cluster`: the cluster CI job. Brings the production topology up (scripts/cluster/)
 * on throw-away databases and free ports — the Temporal server on PostgreSQL, two workers, two API
 * processes behind the round-robin proxy — then runs with Jest (jest.cluster.config.js):
 *   - test/cluster/: cases driven through the proxy while a worker, then the server, is killed;
 *   - a slice of the workflow and API suite against the same Temporal server (TEMPORAL_ADDRESS).
 * Then stops everything with SIGTERM, requires every process to have exited cleanly, and drops the
 * databases. Exit code: Jest's, or 1 when the cluster did not start or stop cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { withDatabase } from '../config/databaseUrls';
import { locateServerBinaries } from '../temporal/serverBinaries';
import { writeKeyRingFile } from '../temporal/payloadKeyFile';
import { newKeyRing } from '../temporal/payloadKeys';
import { testConfigEntries } from '../test/support/factories';
import type { RoleDatabase } from '../test/support/testDatabases';
import { createRoleDatabase, dropStaleTestDatabases, testDatabaseUrl } from '../test/support/testDatabases';
import type { RunningCluster } from './cluster/cluster';
import { startCluster } from './cluster/cluster';
import { dropTemporalDatabases } from './cluster/temporalSchema';
import type { ClusterSettings, TemporalDatabase } from './cluster/topology';
import { DYNAMIC_CONFIG_FILE, SERVER_CONFIG_FILE, temporalServerPorts } from './cluster/topology';
import { temporalDatabaseOf } from './cluster/settings';
import { ensureConsoleBuilt } from './lib/consoleBuild';

const say = (message: string): void => console.log(`[cluster job] ${message}`);
/** After every program's national figures took effect, before any case the job starts. */
const RULES_FROM = '2025-01-01';
const ADMIN_URL = process.env.DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** What exists so far, for the clean-up at the end, after a failure, or on Ctrl-C. */
const made: {
  dir?: string;
  appDatabase?: RoleDatabase;
  temporalDatabase?: TemporalDatabase;
  cluster?: RunningCluster;
} = {};

async function main(): Promise<number> {
  const started = Date.now();
  const binaries = await locateServerBinaries({ build: true, log: say });
  if (binaries === undefined)
    throw new Error('no Temporal server could be found or built (npm run temporal:server-build)');
  await dropStaleTestDatabases(ADMIN_URL, say);
  const dir = (made.dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-cluster-')));
  const appDatabase = (made.appDatabase = await createRoleDatabase(ADMIN_URL, 'cluster'));
  // Named like the suite's test databases, so a killed job's leftovers are swept the same way.
  const temporalDatabase = (made.temporalDatabase = temporalDatabaseOf(
    withDatabase(ADMIN_URL, databaseName(testDatabaseUrl(ADMIN_URL, 'temporal')))
  ));
  const payloadKeyFile = path.join(dir, 'payload-keys.json');
  writeKeyRingFile(payloadKeyFile, newKeyRing(new Date()));
  // The test county's rules (notices in seconds), as the suite's own API and workers have them. A
  // rules file is checked complete on its entries' dates, so they start after the national figures.
  const rulesFile = path.join(dir, 'rules.json');
  const entries = testConfigEntries(2).map((entry) => ({ ...entry, effectiveFrom: RULES_FROM }));
  await writeFile(rulesFile, JSON.stringify(entries));
  const settings: ClusterSettings = {
    host: '127.0.0.1',
    temporalPort: await freeTemporalPort(),
    proxyPort: await freeRun(3),
    workers: 2,
    apis: 2,
    databaseUrl: appDatabase.urls.app,
    namespace: 'default',
    taskQueue: 'yilian-cases',
    payloadKeyFile,
    rulesFile,
    logLevel: 'warn',
    // Any free ports: the job may run beside a developer's stack, which holds the default ones.
    metricsPort: 0,
    workerMetricsPort: 0,
    temporalDatabase,
    serverConfigFile: SERVER_CONFIG_FILE,
    dynamicConfigFile: DYNAMIC_CONFIG_FILE,
  };
  await ensureConsoleBuilt(say);
  const pidsFile = path.join(dir, 'pids.json');
  const cluster = (made.cluster = await startCluster(settings, { binaries, log: say, stateFile: pidsFile }));
  say(`cluster up in ${seconds(started)} s: Temporal ${cluster.temporalAddress}, proxy ${cluster.proxyUrl}`);
  const jestCode = await runJest({
    TEMPORAL_ADDRESS: cluster.temporalAddress,
    TEMPORAL_NAMESPACE: settings.namespace,
    YILIAN_CLUSTER_PROXY_URL: cluster.proxyUrl,
    YILIAN_CLUSTER_DATABASE_URL: appDatabase.urls.app,
    YILIAN_CLUSTER_PIDS_FILE: pidsFile,
  });
  const stoppedCleanly = await cleanUp();
  const exitCode = jestCode === 0 && stoppedCleanly ? 0 : 1;
  say(`${exitCode === 0 ? 'passed' : 'FAILED'} in ${seconds(started)} s`);
  return exitCode;
}

/**
 * Stops the cluster with SIGTERM (false when a process did not exit with code 0), then drops the
 * databases and the folder. Runs once; a second call (a signal during clean-up) waits for the first.
 */
let cleaning: Promise<boolean> | undefined;
function cleanUp(): Promise<boolean> {
  cleaning ??= (async () => {
    let clean = true;
    if (made.cluster !== undefined) {
      const exits = await made.cluster.stop();
      for (const e of exits) say(`${e.name} stopped: ${e.signal ?? `exit code ${e.code}`}`);
      const unclean = exits.filter((e) => e.code !== 0);
      if (unclean.length > 0) say(`not stopped cleanly by SIGTERM: ${unclean.map((e) => e.name).join(', ')}`);
      clean = unclean.length === 0;
    }
    await made.appDatabase?.drop().catch((error: unknown) => say(`could not drop the app database: ${String(error)}`));
    if (made.temporalDatabase !== undefined) {
      await dropTemporalDatabases(made.temporalDatabase).catch((error: unknown) =>
        say(`could not drop the Temporal databases: ${String(error)}`)
      );
    }
    if (made.dir !== undefined) await rm(made.dir, { recursive: true, force: true });
    return clean;
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    say(`${signal}: stopping the cluster and dropping its databases`);
    void cleanUp().finally(() => process.exit(1));
  });
}

const seconds = (since: number): string => ((Date.now() - since) / 1000).toFixed(1);
const databaseName = (url: string): string => new URL(url).pathname.slice(1);

function runJest(env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), '-c', 'jest.cluster.config.js'], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    jest.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Whether `port` can be bound on 127.0.0.1 right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A frontend port whose derived server ports (temporalServerPorts) are all free. */
async function freeTemporalPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Within checkServerPorts' range: the server's membership ports must stay below 32768.
    const candidate = 10_000 + Math.floor(Math.random() * 20_000);
    const ports = Object.values(temporalServerPorts(candidate));
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return candidate;
  }
  throw new Error('found no free ports for the Temporal server');
}

/** The first of `count` consecutive free ports (the proxy's, then the API processes'). */
async function freeRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 40_000 + Math.floor(Math.random() * 20_000);
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return first;
  }
  throw new Error('found no free ports for the proxy and the API processes');
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await cleanUp().catch(() => undefined);
    process.exit(1);
  }
);
