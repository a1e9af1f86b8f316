/**
 * The one way this project opens PostgreSQL connection pools, so every pool gets the same size
 * limits, timeouts and — above all — an error listener: without one, a pooled idle connection that
 * the server drops (restart, failover, idle timeout) emits an unhandled 'error' and kills the process.
 */
import { Pool } from 'pg';

export interface PoolOptions {
  /** Upper bound on connections; 10 suits one API or worker process against a default max_connections of 100. */
  max?: number;
  /** Shows up in pg_stat_activity, which is how you find out who holds a lock. */
  applicationName?: string;
  log?: (message: string) => void;
}

export function createPool(databaseUrl: string, options: PoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    // Fail a request within seconds when the database is unreachable instead of queueing forever.
    connectionTimeoutMillis: 10_000,
    application_name: options.applicationName ?? 'yilian',
  });
  const log = options.log ?? ((message: string) => console.error(message));
  pool.on('error', (error) => {
    // The broken client has already been removed from the pool; the next query opens a fresh one.
    log(`PostgreSQL pool: idle client error (${error.message})`);
  });
  return pool;
}
