/**
 * Work on one pooled connection under a session-level advisory lock, so processes that must not
 * overlap (two migrators, two sealers) queue on it. The lock belongs to the connection: a client
 * whose unlock failed, or that failed mid-way, may still hold it, so it is destroyed rather than
 * returned to the pool.
 */
import type { Pool, PoolClient } from 'pg';

export async function withSessionLock<T>(
  pool: Pool,
  key: string,
  work: (client: PoolClient) => Promise<T>
): Promise<T> {
  const client = await pool.connect();
  let destroy = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {
        destroy = true;
      });
    }
  } catch (error) {
    destroy = true;
    throw error;
  } finally {
    client.release(destroy);
  }
}
