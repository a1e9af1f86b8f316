/**
 * Creates (and for tests, drops) the database named in a connection URL. Local development and
 * each test run start against a bare PostgreSQL server; creating the database on demand means
 * nobody has to run createdb by hand, and a run's throw-away database can be removed afterwards.
 */
import { Client, escapeIdentifier } from 'pg';
import type { DatabaseError } from 'pg';

/** The database a URL points at, and a URL for the same server's `postgres` maintenance database. */
export function splitDatabaseUrl(databaseUrl: string): { database: string; maintenanceUrl: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '') throw new Error('The database URL names no database');
  url.pathname = '/postgres';
  return { database, maintenanceUrl: url.toString() };
}

/** Returns true when it created the database, false when it already existed. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const { database, maintenanceUrl } = splitDatabaseUrl(databaseUrl);
  return withClient(maintenanceUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount !== 0) return false;
    try {
      await client.query(`CREATE DATABASE ${escapeIdentifier(database)}`);
      return true;
    } catch (error) {
      // Another process created it between our check and our CREATE. PostgreSQL reports that as
      // duplicate_database, or as a unique violation on pg_database when both CREATEs overlap.
      const code = (error as DatabaseError).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  });
}

/** Drops the database, disconnecting anyone still using it. Missing is fine. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { database, maintenanceUrl } = splitDatabaseUrl(databaseUrl);
  if (database === 'postgres' || database.startsWith('template')) {
    throw new Error(`Refusing to drop the system database ${database}`);
  }
  await withClient(maintenanceUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`)
  );
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A dropped connection is also reported by the failing query; the listener only stops the
  // 'error' event from crashing the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
