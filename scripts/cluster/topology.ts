/**
 * The production topology as data: which processes run, what each is given (environment variable
 * names and values, ports) and how it is restarted. `npm run start:cluster` runs exactly this on one
 * machine; docker-compose.yml describes the same processes as services and a unit test keeps the two
 * in step (test/operations/composeTopology.test.ts). No I/O here.
 *
 *   API clients ──▶ proxy (PORT) ──round robin──▶ api-1 … api-N ──┐
 *                                                                 ├─▶ temporal (TEMPORAL_PORT) ─▶ PostgreSQL
 *                       worker-1 … worker-M ◀── tasks ────────────┘        temporal, temporal_visibility
 *   api-* and worker-* also read and write the application's database (DATABASE_URL).
 */

export type ProcessRole = 'temporal' | 'worker' | 'api' | 'proxy';

export interface ClusterProcess {
  /** Also the docker-compose.yml service name. */
  name: string;
  role: ProcessRole;
  /**
   * What runs, relative to the repository (as the Docker image's working directory has it). The
   * server's `temporal-server` is the binary found or built by temporal/serverBinaries.ts natively.
   */
  command: string[];
  /** The variables the topology sets; everything else a process reads keeps its default. */
  env: Record<string, string>;
  /** The port others reach it on. */
  port?: number;
  /**
   * As Docker's restart policies: `always` for the server (a crash must not stop the county), and
   * `on-failure` for our processes, which exit 0 only when asked to stop.
   */
  restart: 'always' | 'on-failure';
}

export interface ClusterSettings {
  /** The interface every process binds; 127.0.0.1 on one machine. */
  host: string;
  /** The frontend's gRPC port; the server's other ports are derived from it (temporalServerPorts). */
  temporalPort: number;
  /** Where the round-robin proxy listens: what people and clients open. The APIs take the next ports. */
  proxyPort: number;
  workers: number;
  apis: number;
  /** The application's database, as the app role (config/env.ts DATABASE_URL). */
  databaseUrl: string;
  namespace: string;
  taskQueue: string;
  payloadKeyFile: string;
  /** '' when there is none. */
  rulesFile: string;
  logLevel: string;
  /** The first API's metrics port and the first worker's (METRICS_PORT, WORKER_METRICS_PORT; docs/observability.md). */
  metricsPort: number;
  workerMetricsPort: number;
  temporalDatabase: TemporalDatabase;
  /** The checked-in server configuration and its dynamic configuration. */
  serverConfigFile: string;
  dynamicConfigFile: string;
}

/** Where the Temporal server keeps its state: two databases on one PostgreSQL server. */
export interface TemporalDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
  /** `temporal` by default; the visibility store's is this name with `_visibility`. */
  name: string;
}

export const visibilityDatabaseName = (database: TemporalDatabase): string => `${database.name}_visibility`;

/** The defaults of the checked-in files, relative to the repository. */
export const SERVER_CONFIG_FILE = 'config/temporal-server/yilian.yaml';
export const DYNAMIC_CONFIG_FILE = 'config/temporal-server/dynamicconfig.yaml';

/**
 * The server's ports, as the variables config/temporal-server/yilian.yaml reads. Derived from the
 * frontend's gRPC port so one setting moves them all; from 7233 they are Temporal's usual ports.
 */
export function temporalServerPorts(frontend: number): Record<string, number> {
  return {
    FRONTEND_GRPC_PORT: frontend,
    FRONTEND_HTTP_PORT: frontend + 10,
    HISTORY_GRPC_PORT: frontend + 1,
    MATCHING_GRPC_PORT: frontend + 2,
    WORKER_GRPC_PORT: frontend + 6,
    FRONTEND_MEMBERSHIP_PORT: frontend - 300,
    HISTORY_MEMBERSHIP_PORT: frontend - 299,
    MATCHING_MEMBERSHIP_PORT: frontend - 298,
    WORKER_MEMBERSHIP_PORT: frontend - 294,
  };
}

/**
 * The server stores membership ports in a signed 16-bit column: a port above 32767 fails its start
 * with "out of range for type smallint". Checked before anything starts, with what to do instead.
 */
export function checkServerPorts(frontend: number): void {
  const tooHigh = Object.entries(temporalServerPorts(frontend)).filter(
    ([name, port]) => name.endsWith('_MEMBERSHIP_PORT') && port > 32_767
  );
  const tooLow = Object.entries(temporalServerPorts(frontend)).filter(([, port]) => port < 1);
  if (tooHigh.length > 0 || tooLow.length > 0) {
    throw new Error(
      `TEMPORAL_PORT=${frontend} puts the Temporal server's ports out of range ` +
        `(${[...tooHigh, ...tooLow].map(([name, port]) => `${name}=${port}`).join(', ')}): ` +
        'choose a TEMPORAL_PORT between 301 and 33061'
    );
  }
}

/** The API processes' ports: right after the proxy's. */
export const apiPort = (settings: Pick<ClusterSettings, 'proxyPort'>, index: number): number =>
  settings.proxyPort + index + 1;

/**
 * The metrics port of the index-th API (from METRICS_PORT) or worker (from WORKER_METRICS_PORT): every
 * other port, so the two series interleave (9464, 9466… and 9465, 9467…) without colliding on one
 * machine; 0 stays 0 (any free port, printed at start).
 */
export const metricsPortOf = (base: number, index: number): number => (base === 0 ? 0 : base + 2 * index);

/** Every process, in start order (the reverse is the stop order). */
export function clusterProcesses(settings: ClusterSettings): ClusterProcess[] {
  const temporalAddress = `${settings.host}:${settings.temporalPort}`;
  // What the worker and the API share (config/env.ts reads them); each gets its own copy.
  const app = (): Record<string, string> => ({
    DATABASE_URL: settings.databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: settings.namespace,
    TEMPORAL_TASK_QUEUE: settings.taskQueue,
    PAYLOAD_KEY_FILE: settings.payloadKeyFile,
    RULES_FILE: settings.rulesFile,
    LOG_LEVEL: settings.logLevel,
    METRICS_HOST: settings.host,
  });
  const apis = Array.from({ length: settings.apis }, (_, i) => ({
    name: `api-${i + 1}`,
    port: apiPort(settings, i),
    metricsPort: metricsPortOf(settings.metricsPort, i),
  }));
  const database = settings.temporalDatabase;
  const ports = temporalServerPorts(settings.temporalPort);
  return [
    {
      name: 'temporal',
      role: 'temporal',
      command: ['temporal-server', 'start'],
      env: {
        TEMPORAL_SERVER_CONFIG_FILE_PATH: settings.serverConfigFile,
        DYNAMIC_CONFIG_FILE_PATH: settings.dynamicConfigFile,
        // No authorizer: the frontend is reachable only by our own processes (docs/topology.md).
        TEMPORAL_ALLOW_NO_AUTH: 'true',
        POSTGRES_SEEDS: database.host,
        DB_PORT: String(database.port),
        POSTGRES_USER: database.user,
        POSTGRES_PWD: database.password,
        DBNAME: database.name,
        VISIBILITY_DBNAME: visibilityDatabaseName(database),
        // Each of the server's four services has its own pools: 4 × (8 + 4) connections at most, so
        // the server, the app and a test run share one PostgreSQL's default 100 connections.
        SQL_MAX_CONNS: '8',
        SQL_MAX_IDLE_CONNS: '8',
        SQL_VIS_MAX_CONNS: '4',
        SQL_VIS_MAX_IDLE_CONNS: '4',
        BIND_ON_IP: settings.host,
        ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
        LOG_LEVEL: 'warn',
      },
      port: settings.temporalPort,
      restart: 'always',
    },
    ...Array.from({ length: settings.workers }, (_, i): ClusterProcess => ({
      name: `worker-${i + 1}`,
      role: 'worker',
      command: ['tsx', 'scripts/worker.ts'],
      env: { ...app(), WORKER_METRICS_PORT: String(metricsPortOf(settings.workerMetricsPort, i)) },
      restart: 'on-failure',
    })),
    ...apis.map(({ name, port, metricsPort }): ClusterProcess => ({
      name,
      role: 'api',
      command: ['tsx', 'scripts/api.ts'],
      env: { ...app(), HOST: settings.host, PORT: String(port), METRICS_PORT: String(metricsPort) },
      port,
      restart: 'on-failure',
    })),
    {
      name: 'proxy',
      role: 'proxy',
      command: ['tsx', 'scripts/cluster/proxy.ts'],
      env: {
        HOST: settings.host,
        PORT: String(settings.proxyPort),
        API_UPSTREAMS: apis.map(({ port }) => `http://${settings.host}:${port}`).join(','),
      },
      port: settings.proxyPort,
      restart: 'on-failure',
    },
  ];
}

/**
 * The services docker-compose.yml has besides the processes above, each standing for a step that
 * `npm run start:cluster` does itself: PostgreSQL (local), the Temporal schema (the SQL tool),
 * namespace and search attributes (scripts/cluster/temporalNamespace.ts), migrations and the payload
 * key ring (as `npm start`), the audit sealer, and the Temporal web UI (not started natively).
 */
export const COMPOSE_SUPPORT_SERVICES = [
  'postgres',
  'temporal-schema',
  'temporal-namespace',
  'temporal-ui',
  'temporal-admin-tools',
  'migrate',
  'sealer',
  'payload-keys',
] as const;

/**
 * The schema tool's steps for both databases, as `temporal-sql-tool` arguments after the connection
 * flags: create the database (skipped when it exists), the versioning tables, then every versioned
 * schema embedded in the tool. docker-compose.yml's temporal-schema service runs the same steps.
 */
export function temporalSchemaSteps(database: TemporalDatabase): { database: string; args: string[] }[] {
  return [
    { database: database.name, schema: 'postgresql/v12/temporal' },
    { database: visibilityDatabaseName(database), schema: 'postgresql/v12/visibility' },
  ].flatMap(({ database: name, schema }) => [
    { database: name, args: ['create-database'] },
    { database: name, args: ['setup-schema', '-v', '0.0'] },
    { database: name, args: ['update-schema', '--schema-name', schema] },
  ]);
}
