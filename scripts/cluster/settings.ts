/**
 * The cluster launcher's settings: the app's own variables (config/env.ts) and the few that only the
 * launcher reads — how many workers and API processes, and where the Temporal server keeps its state.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Env } from '../../config/env';
import type { ClusterSettings, TemporalDatabase } from './topology';
import { DYNAMIC_CONFIG_FILE, SERVER_CONFIG_FILE } from './topology';

const launcherEnvSchema = z.object({
  CLUSTER_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  CLUSTER_APIS: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * The Temporal server's database, as a URL: its user creates the two databases (`temporal` and
   * `temporal_visibility` by default: the path names the first) and the server connects as it.
   */
  TEMPORAL_DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'expected a URL like postgres://temporal:secret@127.0.0.1:5432/temporal',
    })
    .default('postgres://postgres@127.0.0.1:5432/temporal'),
  /** The cluster's payload key ring when PAYLOAD_KEY_FILE is not set: created once, kept with the cluster. */
  CLUSTER_DATA_DIR: z.string().min(1).default('.data/cluster'),
});

export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

export function loadLauncherEnv(source: Record<string, string | undefined> = process.env): LauncherEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = launcherEnvSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

export function temporalDatabaseOf(url: string): TemporalDatabase {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: decodeURIComponent(parsed.password),
    name: decodeURIComponent(parsed.pathname.slice(1)) || 'temporal',
  };
}

export function payloadKeyFileOf(env: Env, launcher: LauncherEnv): string {
  return path.resolve(env.PAYLOAD_KEY_FILE ?? path.join(launcher.CLUSTER_DATA_DIR, 'payload-keys.json'));
}

/** The topology's settings from the environment: TEMPORAL_PORT, PORT (the proxy), HOST and the rest. */
export function clusterSettingsFrom(env: Env, launcher: LauncherEnv): ClusterSettings {
  return {
    host: env.HOST,
    temporalPort: env.TEMPORAL_PORT,
    proxyPort: env.PORT,
    workers: launcher.CLUSTER_WORKERS,
    apis: launcher.CLUSTER_APIS,
    databaseUrl: env.DATABASE_URL,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    payloadKeyFile: payloadKeyFileOf(env, launcher),
    rulesFile: env.RULES_FILE === undefined ? '' : path.resolve(env.RULES_FILE),
    logLevel: env.LOG_LEVEL,
    metricsPort: env.METRICS_PORT,
    workerMetricsPort: env.WORKER_METRICS_PORT,
    temporalDatabase: temporalDatabaseOf(launcher.TEMPORAL_DATABASE_URL),
    serverConfigFile: SERVER_CONFIG_FILE,
    dynamicConfigFile: DYNAMIC_CONFIG_FILE,
  };
}
