/**
 * The real stack for integration tests: a pool on the run's throw-away database, a client and a
 * worker on the run's Temporal server, both encrypting payloads with the run's key ring. One stack
 * per test file; a fresh task queue per worker, so tests never pick up each other's work.
 */
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { Pool } from 'pg';
import type { CaseCommandDependencies, CaseCommands } from '../../api/applications/commands';
import { createCaseCommands } from '../../api/applications/commands';
import type { SourceId } from '../../definitions/eligibility';
import type { SourceCallPolicies } from '../../definitions/verification';
import type { DataSource } from '../../registries/sources/dataSource';
import type { CaseView } from '../../workflows/contract';
import { createWorker } from '../../worker/createWorker';
import { testEnvironment, uniqueTaskQueue } from './environment';
import { testConfigEntries } from './factories';

export interface Stack {
  pool: Pool;
  client: Client;
  nativeConnection: NativeConnection;
  taskQueue: string;
  commands: CaseCommands;
  /**
   * Commands of another API process on the same task queue and test rules, configured differently:
   * e.g. one restarted with a calendar file loaded.
   */
  commandsWith(overrides: Partial<CaseCommandDependencies>): CaseCommands;
  /** Starts a worker on the stack's task queue; stopped at close() unless stopped earlier. */
  startWorker(options?: { sources?: Partial<Record<SourceId, DataSource>> }): Promise<RunningWorker>;
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

export interface StackOptions {
  noticeSeconds?: number;
  stepSeconds?: number;
  /** How long an incomplete data check waits before asking again. */
  checkRetrySeconds?: number;
  historyLimit?: number;
  /** Sources to use in place of the registry stand-ins (one made to hang or refuse). */
  sources?: Partial<Record<SourceId, DataSource>>;
  sourcePolicies?: SourceCallPolicies;
}

export async function openStack(prefix: string, options: StackOptions = {}): Promise<Stack> {
  quietRuntime();
  const env = testEnvironment();
  const pool = new Pool({ connectionString: env.databaseUrl, max: 5 });
  const connection = await Connection.connect({ address: env.temporalAddress });
  const client = new Client({ connection, namespace: env.namespace, dataConverter: env.dataConverter });
  const nativeConnection = await NativeConnection.connect({ address: env.temporalAddress });
  const taskQueue = uniqueTaskQueue(prefix);
  const commandDependencies: CaseCommandDependencies = {
    client,
    taskQueue,
    extraConfigEntries: testConfigEntries(options.noticeSeconds ?? 2, options.stepSeconds, options.checkRetrySeconds),
    historyLimit: options.historyLimit,
    sourcePolicies: options.sourcePolicies,
  };
  const commands = createCaseCommands(commandDependencies);
  const running = new Set<RunningWorker>();

  async function startWorker(workerOptions: { sources?: Partial<Record<SourceId, DataSource>> } = {}) {
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: env.namespace,
      taskQueue,
      pool,
      payloadKeys: env.payloadKeys,
      workflowBundlePath: env.workflowBundlePath,
      sources: { ...options.sources, ...workerOptions.sources },
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
    commandsWith: (overrides) => createCaseCommands({ ...commandDependencies, ...overrides }),
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

/** Waits until a case's data check has finished `runs` runs: checks run in the background. */
export function checkRunsFinished(commands: CaseCommands, id: string, runs = 1): Promise<CaseView> {
  return eventually(
    async () => {
      const view = await commands.readCase(id);
      const done = (view.summary.dataCheck as { runs?: number } | undefined)?.runs ?? 0;
      return done >= runs ? view : undefined;
    },
    20_000,
    `${runs} data-check run(s) of ${id}`
  );
}
