/**
 * The real stack for integration tests: a pool on the run's throw-away database, a client and a
 * worker on the run's Temporal server. One stack per test file; a fresh task queue per worker, so
 * tests never pick up each other's work.
 */
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import type { CaseCommands } from '../../api/caseCommands';
import { createCaseCommands } from '../../api/caseCommands';
import { createWorker } from '../../worker/createWorker';
import { testEnvironment, uniqueTaskQueue } from './environment';
import { testConfigEntries } from './factories';

export interface Stack {
  pool: Pool;
  client: Client;
  nativeConnection: NativeConnection;
  taskQueue: string;
  commands: CaseCommands;
  /** Starts a worker on the stack's task queue; stopped at close() unless stopped earlier. */
  startWorker(): Promise<RunningWorker>;
  close(): Promise<void>;
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** Worker lifecycle chatter buries test output; warnings and errors still show. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

export async function openStack(
  prefix: string,
  options: { noticeSeconds?: number; stepSeconds?: number; historyLimit?: number } = {}
): Promise<Stack> {
  quietRuntime();
  const env = testEnvironment();
  const pool = new Pool({ connectionString: env.databaseUrl, max: 5 });
  const connection = await Connection.connect({ address: env.temporalAddress });
  const client = new Client({ connection, namespace: env.namespace });
  const nativeConnection = await NativeConnection.connect({ address: env.temporalAddress });
  const taskQueue = uniqueTaskQueue(prefix);
  const commands = createCaseCommands({
    client,
    taskQueue,
    extraConfigEntries: testConfigEntries(options.noticeSeconds ?? 2, options.stepSeconds),
    historyLimit: options.historyLimit,
  });
  const running = new Set<RunningWorker>();

  async function startWorker(): Promise<RunningWorker> {
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: env.namespace,
      taskQueue,
      pool,
      workflowBundlePath: env.workflowBundlePath,
    });
    const done = worker.run();
    const handle: RunningWorker = {
      worker,
      async stop() {
        if (!running.delete(handle)) return;
        worker.shutdown();
        await done;
      },
    };
    running.add(handle);
    return handle;
  }

  return {
    pool,
    client,
    nativeConnection,
    taskQueue,
    commands,
    startWorker,
    async close() {
      await Promise.all([...running].map((w) => w.stop()));
      await nativeConnection.close();
      await connection.close();
      await pool.end();
    },
  };
}

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition'
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
