/**
 * Stopping the processes in order, quietly: first no new HTTP requests (those in flight get a
 * bounded time to finish), then the worker drains (its tasks finish or go back to Temporal), then
 * the connections, the metrics listener and the pool close, and the local dev server goes last, so
 * nothing still running loses the server under it. (The worker's own metrics server belongs to the
 * Temporal runtime, which closes it once the worker and its connection are gone.) Each entry point
 * hands `onShutdown` the pieces it started.
 */
import type { Server } from 'node:http';
import type { Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { DevServer } from '../../temporal/devServer';
import { processLogger } from '../../observability/logger';

/** In-flight requests are a few database reads or a Temporal update; past this they are cut off. */
const HTTP_DRAIN_MS = 10_000;
/** The whole shutdown; past this the process exits anyway (exit code 1) rather than hang a deploy. */
const SHUTDOWN_DEADLINE_MS = 60_000;

/** What a process started, each optional: a signal during start-up stops what exists so far. */
export interface StartedPieces {
  /** An HTTP server, with the Temporal connection behind it (none for the cluster's proxy) and the API's metrics listener (scraped until the pool closes). */
  http?: { server: Server; connection?: Connection; metrics?: Server };
  worker?: { worker: Worker; running: Promise<void>; connection: NativeConnection };
  pool?: Pool;
  /** The audit sealer `npm start` runs (scripts/lib/auditSealing.ts). */
  sealer?: { stop(): Promise<void> };
  devServer?: DevServer;
}

const say = (message: string): void => processLogger().info(message);

/**
 * On SIGINT or SIGTERM, stops `pieces` in order and exits 0 (1 when a step failed, with its message
 * and no stack: an operator needs what went wrong, not where). Repeated signals are ignored; the
 * whole shutdown is bounded by SHUTDOWN_DEADLINE_MS.
 */
export function onShutdown(pieces: StartedPieces): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down (HTTP, then the worker, then Temporal)`);
    const deadline = setTimeout(() => {
      processLogger().error(`shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    stopInOrder(pieces).then(
      () => {
        say('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        processLogger().error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

export async function stopInOrder(pieces: StartedPieces): Promise<void> {
  if (pieces.http) await stopHttp(pieces.http.server);
  if (pieces.worker) await drainWorker(pieces.worker.worker, pieces.worker.running);
  await Promise.all([
    pieces.http?.connection?.close(),
    pieces.http?.metrics && stopHttp(pieces.http.metrics),
    pieces.worker?.connection.close(),
    pieces.sealer?.stop(),
  ]);
  await pieces.pool?.end();
  await pieces.devServer?.stop();
}

/** Stops listening, closes idle keep-alive sockets, and cuts requests still running after HTTP_DRAIN_MS. */
function stopHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const cutOff = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_MS);
    server.close(() => {
      clearTimeout(cutOff);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Asks the worker to stop once (only a running worker may be asked) and waits for it to drain. */
async function drainWorker(worker: Worker, running: Promise<void>): Promise<void> {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
}
