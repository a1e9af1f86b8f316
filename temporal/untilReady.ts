/**
 * Polls a Temporal frontend until `check` passes on a fresh connection: a server's port opens before
 * its namespace, search attributes and caches are ready, and a worker or test racing ahead fails in
 * confusing ways. Each attempt connects without the retry interceptor and under its own deadline, so
 * it fails fast; this loop is the retry. The last failure is in the error when time runs out.
 */
import { Connection } from '@temporalio/client';

export async function untilTemporalReady(
  address: string,
  options: { timeoutMs: number; attemptMs: number; pauseMs: number; what: string },
  check: (connection: Connection) => Promise<void>
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000, interceptors: [] });
      const conn = connection;
      await conn.withDeadline(Date.now() + options.attemptMs, () => check(conn));
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${options.what} after ${options.timeoutMs / 1000} s: ${reason}`);
}
