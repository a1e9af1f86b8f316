/**
 * Start-up steps shared by the entry points: make the database ready, reach Temporal (an external
 * cluster, or a local dev server), run the worker, serve the API. Each step says what it does.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { NativeConnection, Runtime } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createApp } from '../../api/http/app';
import { createMetricsApp } from '../../api/http/metricsApp';
import { createRequestMetrics } from '../../api/http/requestMetrics';
import { registerBusinessGauges } from '../../observability/businessGauges';
import type { LogFormat } from '../../observability/logger';
import { configureProcessLogger, processLogger, temporalLogger } from '../../observability/logger';
import { authSettingsFromEnv } from '../../config/authSettings';
import type { CaseCommandDependencies } from '../../api/applications/commands';
import { loadCalendarDir } from '../../config/calendarFile';
import type { Env } from '../../config/env';
import { temporalUiOrigins } from '../../config/env';
import { loadRulesFile } from '../../config/rulesFile';
import type { CalendarYear } from '../../definitions/calendar';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { databaseUrls } from '../../config/databaseUrls';
import { assertAppRoleLimited } from '../../db/grants';
import { forgetOldSessions } from '../../db/staffSessions';
import { createPool } from '../../db/pool';
import { schemaIsCurrent, setUpDatabase } from '../../db/setUpDatabase';
import { temporalDataConverter } from '../../temporal/dataConverter';
import type { DevServer } from '../../temporal/devServer';
import { startDevServer } from '../../temporal/devServer';
import { ensureKeyRingFile, readKeyRingFile } from '../../temporal/payloadKeyFile';
import type { KeyRing } from '../../temporal/payloadKeys';
import { ensureSearchAttributes } from '../../temporal/registerSearchAttributes';
import { createWorker } from '../../worker/createWorker';

/** What a process tells its operator as it starts and stops: a line of the process's log (observability/logger.ts). */
export const say = (message: string): void => processLogger().info(message);

/**
 * The process's logger, from LOG_LEVEL and LOG_FORMAT (`defaultFormat` when unset: pretty for a
 * person at `npm start`, JSON for a deployed API or worker). First thing in every long-running process.
 */
export function configureLogging(env: Env, defaultFormat: LogFormat): void {
  configureProcessLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? defaultFormat });
}

/**
 * The app's pool on DATABASE_URL, on a schema that is up to date: `always` (npm start, npm run
 * migrate) creates the roles and the database and migrates as the owner on every start; `whenNeeded`
 * (the API, the worker) does so only when the app finds migrations missing, so a deployment that
 * runs `npm run migrate` first never gives them the owner's or the admin's credentials. Either way
 * the app's role is checked before anything uses it (db/grants.ts).
 */
export async function prepareDatabase(env: Env, options: { setUp: 'always' | 'whenNeeded' }): Promise<Pool> {
  const urls = databaseUrls(env);
  const pool = createPool(urls.app, { log: (message) => processLogger().warn(message) });
  try {
    if (options.setUp === 'always' || !(await schemaIsCurrent(pool))) {
      const report = await setUpDatabase(urls, { log: say });
      if (report.createdRoles.length > 0) say(`created database roles ${report.createdRoles.join(', ')}`);
      if (report.createdDatabase) say('created the database');
      say(
        report.applied.length > 0 ? `applied migrations: ${report.applied.join(', ')}` : 'database schema is up to date'
      );
    }
    await assertAppRoleLimited(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

export interface TemporalEndpoint {
  address: string;
  namespace: string;
  uiUrl?: string;
  /** The local dev server's own metrics; a cluster's are its operator's (docs/observability.md). */
  metricsUrl?: string;
  devServer?: DevServer;
}

/** Uses TEMPORAL_ADDRESS when given (registering our search attributes there), else a local dev server. */
export async function reachTemporal(env: Env, options: { startDevServer: boolean }): Promise<TemporalEndpoint> {
  if (env.TEMPORAL_ADDRESS) {
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    try {
      const added = await ensureSearchAttributes(connection, env.TEMPORAL_NAMESPACE);
      if (added.length > 0) say(`registered search attributes: ${added.join(', ')}`);
    } finally {
      await connection.close();
    }
    return { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE };
  }
  if (!options.startDevServer) {
    throw new Error('TEMPORAL_ADDRESS is not set; start a server with `npm run temporal` or use `npm start`');
  }
  say(`starting a local Temporal dev server (state in ${env.TEMPORAL_DB_FILE})`);
  const devServer = await startPersistentDevServer(env, say);
  return {
    address: devServer.address,
    namespace: devServer.namespace,
    uiUrl: devServer.uiUrl,
    metricsUrl: devServer.metricsUrl,
    devServer,
  };
}

/** The local dev server as configured by the environment: state kept in TEMPORAL_DB_FILE (WAL). */
export function startPersistentDevServer(env: Env, log: (message: string) => void): Promise<DevServer> {
  return startDevServer({
    dbFile: env.TEMPORAL_DB_FILE,
    port: env.TEMPORAL_PORT,
    uiPort: env.TEMPORAL_UI_PORT,
    namespace: env.TEMPORAL_NAMESPACE,
    cliPath: env.TEMPORAL_CLI_PATH,
    build: true,
    // Next to the state file: a server orphaned by a killed start is found and ended by the next one.
    pidFile: `${path.resolve(env.TEMPORAL_DB_FILE)}.pid`,
    log,
  });
}

/** The local dev server's own key ring sits beside its state: the two belong together. */
export function localPayloadKeyFile(env: Env): string {
  return path.join(path.dirname(env.TEMPORAL_DB_FILE), 'payload-keys.json');
}

/**
 * The key ring that encrypts Temporal payloads: PAYLOAD_KEYS, else PAYLOAD_KEY_FILE, else — only
 * for the local dev server (no TEMPORAL_ADDRESS) — a ring created once beside the server's state. A
 * process pointed at a cluster without a key stops here: it would write payloads no other process can
 * read, or fail to read every existing one.
 */
export function payloadKeysFor(env: Env): KeyRing {
  if (env.PAYLOAD_KEYS) return env.PAYLOAD_KEYS;
  if (env.PAYLOAD_KEY_FILE) return readKeyRingFile(env.PAYLOAD_KEY_FILE, say);
  if (!env.TEMPORAL_ADDRESS) {
    const file = localPayloadKeyFile(env);
    const { ring, created } = ensureKeyRingFile(file, say);
    if (created) {
      say(
        `created a payload encryption key for the local Temporal dev server in ${file} (mode 600): keep it with ` +
          'the server state; a deployment configures PAYLOAD_KEY_FILE or PAYLOAD_KEYS instead (docs/security.md)'
      );
    }
    return ring;
  }
  throw new Error(
    `TEMPORAL_ADDRESS is set but no payload encryption key is configured: set PAYLOAD_KEY_FILE to the key ring ` +
      `the other processes of this deployment use (for the local dev server: ${localPayloadKeyFile(env)}, ` +
      `which npm start creates), or create one with \`npm run payload-keys -- init --file <path>\` (docs/security.md)`
  );
}

export interface RunningWorker {
  worker: Worker;
  running: Promise<void>;
  connection: NativeConnection;
}

export async function runWorker(
  env: Env,
  temporal: TemporalEndpoint,
  pool: Pool,
  payloadKeys: KeyRing,
  extraConfigEntries: readonly ConfigEntry[] = []
): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: temporal.address });
  const worker = await createWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    pool,
    payloadKeys,
    extraConfigEntries,
    workflowBundlePath: env.WORKFLOW_BUNDLE,
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTasks: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivities: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
  });
  const running = worker.run();
  say(`worker polling task queue ${env.TEMPORAL_TASK_QUEUE}`);
  return { worker, running, connection };
}

/**
 * The SDK's runtime; call first thing in a process that runs a worker (after configureLogging; the
 * SDK's own dev-server fallback would instantiate the default one). Without shutdownSignals: [] it
 * shuts the worker down on SIGINT/SIGTERM by itself, racing our ordered shutdown (whose own
 * shutdown() call then throws "Not running. Current state: DRAINING").
 *
 * Its logs — the SDK core's (forwarded, warnings and errors), the worker's, and what workflows and
 * activities log — go to the process's logger, at LOG_LEVEL. Its metrics (task latencies, slots,
 * polls, failures: `temporal_…`) are served for Prometheus at METRICS_HOST:WORKER_METRICS_PORT; the
 * server closes with the runtime, once the worker and its connection are gone.
 */
export async function installWorkerRuntime(env: Env): Promise<void> {
  const port = env.WORKER_METRICS_PORT === 0 ? await freePort(env.METRICS_HOST) : env.WORKER_METRICS_PORT;
  const bindAddress = hostPort(env.METRICS_HOST, port);
  Runtime.install({
    shutdownSignals: [],
    logger: temporalLogger(processLogger()),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      metrics: { prometheus: { bindAddress } },
    },
  });
  say(`worker metrics at http://${bindAddress}/metrics`);
}

/** host:port as a URL or a socket address writes it (an IPv6 address in brackets). */
function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A port nothing listens on now, for a listener (the SDK's) that cannot report the one it was given. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningApi {
  server: Server;
  url: string;
  connection: Connection;
  /** The metrics listener (api/http/metricsApp.ts) and where it is. */
  metrics: Server;
  metricsUrl: string;
}

/** What this installation adds to the built-in programs: its rules and calendar files. */
export type LocalConfiguration = Required<Pick<CaseCommandDependencies, 'extraConfigEntries' | 'calendarYears'>>;

/**
 * RULES_FILE and CALENDAR_DIR, read and checked before anything starts: a bad file stops the process
 * with the file name and field paths, instead of giving cases wrong figures or a wrong calendar.
 */
export function loadLocalConfiguration(env: Env): LocalConfiguration {
  return { extraConfigEntries: loadLocalRules(env), calendarYears: loadLocalCalendarYears(env) };
}

function loadLocalRules(env: Env): ConfigEntry[] {
  const entries = loadRulesFile(env.RULES_FILE);
  if (entries.length > 0) say(`loaded ${entries.length} rules entries from ${env.RULES_FILE}`);
  return entries;
}

/** Merged over the built-in years into each new case's input; see config/calendarFile.ts. */
function loadLocalCalendarYears(env: Env): CalendarYear[] {
  const years = loadCalendarDir(env.CALENDAR_DIR);
  if (years.length > 0) say(`loaded calendar years ${years.map((y) => y.year).join(', ')} from ${env.CALENDAR_DIR}`);
  return years;
}

export async function serveApi(
  env: Env,
  temporal: TemporalEndpoint,
  pool: Pool,
  local: LocalConfiguration,
  payloadKeys: KeyRing
): Promise<RunningApi> {
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({
    connection,
    namespace: temporal.namespace,
    dataConverter: temporalDataConverter(payloadKeys),
  });
  const logger = processLogger();
  const requestMetrics = createRequestMetrics();
  registerBusinessGauges(requestMetrics.registry, { pool, logger });
  const app = createApp({
    pool,
    client,
    logger,
    metrics: requestMetrics,
    temporalUiOrigins: temporalUiOrigins(env),
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    ...local,
    rateLimits: { readsPerMinute: env.RATE_LIMIT_READS_PER_MINUTE, writesPerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE },
    csvExportMaxRows: env.CSV_EXPORT_MAX_ROWS,
    auth: authSettingsFromEnv(env),
  });
  const server = await listen(app, env.PORT, env.HOST);
  const metrics = await listen(
    createMetricsApp({ registry: requestMetrics.registry }),
    env.METRICS_PORT,
    env.METRICS_HOST
  );
  // Ended and expired sessions serve no one; a week later they go.
  const sweep = setInterval(() => {
    forgetOldSessions(pool, 7 * 86_400_000).catch((error: unknown) => say(`session clean-up failed: ${String(error)}`));
  }, 3_600_000);
  sweep.unref();
  server.on('close', () => clearInterval(sweep));
  const { port } = server.address() as AddressInfo;
  const metricsUrl = `http://${hostPort(env.METRICS_HOST, (metrics.address() as AddressInfo).port)}/metrics`;
  say(`API metrics at ${metricsUrl}`);
  return { server, url: `http://${env.HOST}:${port}`, connection, metrics, metricsUrl };
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s)).on('error', reject);
  });
}
