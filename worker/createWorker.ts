/**
 * The Temporal worker that runs case workflows and their activities. Built from its dependencies;
 * the caller owns the connection and the pool and runs (and shuts down) the worker.
 */
import type { NativeConnection } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../activities';

export interface WorkerDependencies {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  pool: Pool;
  /** A pre-built workflow bundle (tests build it once per run); otherwise bundled from source. */
  workflowBundlePath?: string;
  /** Bounded worker caches matter on small machines; raise for throughput. */
  maxCachedWorkflows?: number;
}

export async function createWorker(deps: WorkerDependencies): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    activities: createActivities({ pool: deps.pool }),
    ...(deps.workflowBundlePath
      ? { workflowBundle: { codePath: deps.workflowBundlePath } }
      : { workflowsPath: require.resolve('../workflows') }),
    maxCachedWorkflows: deps.maxCachedWorkflows,
  });
}
