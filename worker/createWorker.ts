/**
 * The Temporal worker that runs case workflows, payment cycles and their activities. Built from its dependencies;
 * the caller owns the connection and the pool and runs (and shuts down) the worker.
 */
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../activities';
import { createPaymentActivities } from '../activities/payments';
import type { SourceId } from '../definitions/eligibility';
import type { ConfigEntry } from '../definitions/shared/rulesConfig';
import { temporalDataConverter } from '../temporal/dataConverter';
import type { KeyRing } from '../temporal/payloadKeys';
import type { DataSource } from '../registries/sources/dataSource';
import { createRegistrySources } from '../registries/sources/registrySource';
import { dataErrorInterceptor } from './dataErrorInterceptor';
import { buildWorkflowBundle } from './workflowBundle';

export interface WorkerDependencies {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  pool: Pool;
  /** Encrypts every payload the worker writes and decrypts what it reads (temporal/payloadCodec.ts). */
  payloadKeys: KeyRing;
  /**
   * A pre-built workflow bundle (tests build it once per run), built with the data converter's
   * `failureConverterPath`; otherwise bundled from source.
   */
  workflowBundlePath?: string;
  /**
   * Data sources to use in place of the registry stand-ins (a real department's HTTP adapter, or a
   * source made to fail in a test); the rest read the registry tables through `pool`.
   */
  sources?: Partial<Record<SourceId, DataSource>>;
  /** Simulated latency of every registry stand-in, for demos and benchmarks. */
  registryLatencyMs?: number;
  /** A deployment's own rules entries (RULES_FILE): the risk and integrity figures activities use. */
  extraConfigEntries?: readonly ConfigEntry[];
  /** Cases kept in memory (WORKER_MAX_CACHED_WORKFLOWS); about 3 MiB each. */
  maxCachedWorkflows?: number;
  /** Temporal's task slots (WORKER_MAX_CONCURRENT_WORKFLOW_TASKS, WORKER_MAX_CONCURRENT_ACTIVITIES). */
  maxConcurrentWorkflowTasks?: number;
  maxConcurrentActivities?: number;
}

export async function createWorker(deps: WorkerDependencies): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    dataConverter: temporalDataConverter(deps.payloadKeys),
    activities: {
      ...createActivities({
        pool: deps.pool,
        sources: createRegistrySources(deps.pool, { overrides: deps.sources, latencyMs: deps.registryLatencyMs }),
        configEntries: deps.extraConfigEntries,
      }),
      ...createPaymentActivities({ pool: deps.pool }),
    },
    interceptors: { activity: [dataErrorInterceptor] },
    // Built here when not given, the same way as everywhere else (shared modules: worker/workflowBundle.ts).
    workflowBundle: deps.workflowBundlePath
      ? { codePath: deps.workflowBundlePath }
      : { code: await buildWorkflowBundle() },
    maxCachedWorkflows: deps.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: deps.maxConcurrentWorkflowTasks,
    maxConcurrentActivityTaskExecutions: deps.maxConcurrentActivities,
  });
}
