/**
 * The stack benchmarks run against: the same as the tests' — a Temporal dev server (in-memory
 * SQLite, or TEMPORAL_ADDRESS) and a throw-away PostgreSQL database — plus a worker and the API on
 * a free port, encrypting payloads with a key ring of the run's own, as production does (so the
 * figures include the codec). Everything it starts, it stops.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Worker } from '@temporalio/worker';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createApp } from '../../api/http/app';
import { createLogger } from '../../observability/logger';
import type { CaseCommands } from '../../api/applications/commands';
import { createCaseCommands } from '../../api/applications/commands';
import { dropDatabase, ensureDatabase } from '../../db/ensureDatabase';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { temporalDataConverter } from '../../temporal/dataConverter';
import { startDevServer } from '../../temporal/devServer';
import type { DevServer } from '../../temporal/devServer';
import type { KeyRing } from '../../temporal/payloadKeys';
import { newKeyRing } from '../../temporal/payloadKeys';
import { ensureSearchAttributes } from '../../temporal/registerSearchAttributes';
import { createWorker } from '../../worker/createWorker';
import { buildWorkflowBundle } from '../../worker/workflowBundle';
import { benchConfigEntries } from './households';

export interface BenchStack {
  pool: Pool;
  client: Client;
  nativeConnection: NativeConnection;
  taskQueue: string;
  commands: CaseCommands;
  apiUrl: string;
  namespace: string;
  /** The workflow bundle the stack's worker runs; a benchmark starting its own worker reuses it. */
  workflowBundlePath: string;
  /** The run's key ring and data converter: a benchmark's own worker must use them too. */
  payloadKeys: KeyRing;
  dataConverter: DataConverter;
  close(): Promise<void>;
}

export interface StackOptions {
  noticeMs: number;

  log: (message: string) => void;
}

export async function startBenchStack({ noticeMs, log }: StackOptions): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e: unknown) => log(`clean-up: ${String(e)}`));
  };
  try {
    let address = process.env.TEMPORAL_ADDRESS;
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    if (address === undefined) {
      const server: DevServer = await startDevServer({ headless: true, namespace, build: true, log });
      cleanups.push(() => server.stop());
      address = server.address;
    }
    // As a superuser, not the app role: the benchmarks bulk-load (a scratch table, VACUUM) into a
    // throw-away database; what they measure does not depend on the role.
    const serverUrl = new URL(process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/');
    serverUrl.pathname = `/yilian_bench_${Date.now()}_${process.pid}`;
    const databaseUrl = serverUrl.toString();
    await ensureDatabase(databaseUrl);
    cleanups.push(() => dropDatabase(databaseUrl));
    const pool = createPool(databaseUrl, { max: 20 });
    cleanups.push(() => pool.end());
    await migrate(pool);

    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    await ensureSearchAttributes(connection, namespace);
    const payloadKeys = newKeyRing(new Date());
    const dataConverter = temporalDataConverter(payloadKeys);
    const client = new Client({ connection, namespace, dataConverter });
    const nativeConnection = await NativeConnection.connect({ address });
    cleanups.push(() => nativeConnection.close());

    log('bundling workflow code');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-bench-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const bundlePath = path.join(dir, 'workflows.js');
    await writeFile(bundlePath, await buildWorkflowBundle());

    const taskQueue = `bench-${Date.now()}`;
    const worker: Worker = await createWorker({
      connection: nativeConnection,
      namespace,
      taskQueue,
      pool,
      payloadKeys,
      workflowBundlePath: bundlePath,
    });
    const running = worker.run();
    cleanups.push(async () => {
      worker.shutdown();
      await running;
    });

    const extraConfigEntries = benchConfigEntries(noticeMs);
    // Request lines are written as a deployed API writes them (JSON at info), to a sink that drops
    // them: their cost is in the figures, a line per request is not in the benchmark's output.
    const app = createApp({
      pool,
      client,
      taskQueue,
      extraConfigEntries,
      log: (m, e) => log(`${m} ${String(e)}`),
      logger: createLogger({ level: 'info', format: 'json', destination: { write: () => undefined } }),
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const commands = createCaseCommands({ client, taskQueue, extraConfigEntries });
    return {
      pool,
      client,
      nativeConnection,
      taskQueue,
      commands,
      apiUrl,
      namespace,
      workflowBundlePath: bundlePath,
      payloadKeys,
      dataConverter,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
