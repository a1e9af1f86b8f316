/**
 * Applies the SQL files in migrations/ (`NNN_name.sql`, in numeric order), each in its own
 * transaction, and records them in schema_migrations. Plain SQL files rather than a migration
 * framework: the schema is small, reviewers read SQL, and there is nothing to learn.
 *
 * Safe to run from several processes at once (API and worker starting together, parallel test
 * setup): a session advisory lock serialises them, and whoever comes second finds nothing to do.
 * An already-applied file that has since been edited is refused, because the database would
 * silently differ from what the file says; write a new migration instead.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { withSessionLock } from './sessionLock';

export const defaultMigrationsDir = path.resolve(__dirname, '..', 'migrations');

/** Arbitrary but fixed: every process migrating the same database must contend for the same key. */
const MIGRATION_LOCK_KEY = '7395121000417';

const FILE_PATTERN = /^(\d+)_([A-Za-z0-9_-]+)\.sql$/;

export interface MigrateOptions {
  dir?: string;
  log?: (message: string) => void;
}

interface MigrationFile {
  version: string;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

/** Returns the file names it applied, in order (empty when the database was up to date). */
export async function migrate(pool: Pool, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const files = await readMigrations(options.dir ?? defaultMigrationsDir);
  return withSessionLock(pool, MIGRATION_LOCK_KEY, (client) => applyPending(client, files, log));
}

/**
 * The migration files not yet applied, read with any role that may SELECT schema_migrations (the
 * app's): how a process that must not migrate finds out whether someone has to.
 */
export async function pendingMigrations(pool: Pool, dir = defaultMigrationsDir): Promise<string[]> {
  const files = await readMigrations(dir);
  const { rows } = await pool.query<{ version: string }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  return files.filter((f) => !applied.has(f.version)).map((f) => f.file);
}

async function applyPending(client: PoolClient, files: MigrationFile[], log: (m: string) => void): Promise<string[]> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    text PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const { rows } = await client.query<{ version: string; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations'
  );
  const applied = new Map(rows.map((row) => [row.version, row]));

  const changed = files.filter((f) => applied.has(f.version) && applied.get(f.version)?.checksum !== f.checksum);
  if (changed.length > 0) {
    throw new Error(
      `Refusing to migrate: already-applied migration(s) changed since they ran: ${changed.map((f) => f.file).join(', ')}. ` +
        'Restore the original file(s) and put the change in a new migration.'
    );
  }
  const known = new Set(files.map((f) => f.version));
  for (const row of rows) {
    if (!known.has(row.version))
      log(`Warning: migration ${row.version}_${row.name} is applied but its file is missing`);
  }

  const done: string[] = [];
  for (const migration of files.filter((f) => !applied.has(f.version))) {
    log(`Applying migration ${migration.file}`);
    try {
      await client.query('BEGIN');
      // No parameters: pg then sends the file as one simple query, which may hold many statements.
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new Error(`Migration ${migration.file} failed: ${(error as Error).message}`, { cause: error });
    }
    done.push(migration.file);
  }
  return done;
}

async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir);
  const files: MigrationFile[] = [];
  for (const file of entries) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_PATTERN.exec(file);
    if (!match?.[1] || !match[2]) throw new Error(`Migration file ${file} is not named NNN_name.sql`);
    const raw = await readFile(path.join(dir, file), 'utf8');
    // Line endings are normalised so a Windows checkout (autocrlf) does not look like an edit.
    const sql = raw.replace(/\r\n/g, '\n');
    files.push({
      version: match[1],
      name: match[2],
      file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  files.sort((a, b) => Number(a.version) - Number(b.version) || a.version.localeCompare(b.version));
  for (let i = 1; i < files.length; i++) {
    const [previous, current] = [files[i - 1], files[i]];
    if (previous && current && Number(previous.version) === Number(current.version)) {
      throw new Error(`Two migrations share version ${current.version}: ${previous.file} and ${current.file}`);
    }
  }
  return files;
}
