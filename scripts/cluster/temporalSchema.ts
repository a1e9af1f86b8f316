/**
 * Creates the Temporal server's two databases and brings their schemas up to the version the server
 * binary expects, with the server's own SQL tool and the schemas embedded in it. Safe on every start:
 * an existing database is kept, and the tool only applies versions not applied yet.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { dropDatabase } from '../../db/ensureDatabase';
import type { TemporalDatabase } from './topology';
import { temporalSchemaSteps } from './topology';

const execFileAsync = promisify(execFile);

export async function prepareTemporalSchema(
  sqlTool: string,
  database: TemporalDatabase,
  log: (message: string) => void
): Promise<void> {
  const existing = await existingDatabases(database);
  for (const step of temporalSchemaSteps(database)) {
    if (step.args[0] === 'create-database' && existing.has(step.database)) continue;
    const args = [...connectionArgs(database), '--database', step.database, ...step.args];
    try {
      await execFileAsync(sqlTool, args, { timeout: 120_000 });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(
        `temporal-sql-tool ${step.args.join(' ')} on ${step.database} failed:\n${(stderr || stdout || String(error)).trim()}`,
        { cause: error }
      );
    }
    if (step.args[0] === 'create-database') log(`created the Temporal database ${step.database}`);
  }
  log(`Temporal schemas up to date in ${database.name} and its visibility database`);
}

function connectionArgs(database: TemporalDatabase): string[] {
  const args = ['--plugin', 'postgres12', '--endpoint', database.host, '--port', String(database.port)];
  args.push('--user', database.user);
  if (database.password !== '') args.push('--password', database.password);
  return args;
}

/** A superuser-or-owner URL of one of the server's databases (for pg, as the tool connects). */
function urlOf(database: TemporalDatabase, name: string): string {
  const url = new URL('postgres://localhost');
  url.hostname = database.host;
  url.port = String(database.port);
  url.username = database.user;
  url.password = database.password;
  url.pathname = `/${name}`;
  return url.toString();
}

/** The tool's create-database fails on an existing one, so it is asked only for missing ones. */
async function existingDatabases(database: TemporalDatabase): Promise<Set<string>> {
  const client = new Client({ connectionString: urlOf(database, 'postgres'), connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    return new Set(rows.map((row) => row.datname));
  } finally {
    await client.end();
  }
}

/** Drops both databases (the cluster CI job's throw-away ones). */
export async function dropTemporalDatabases(database: TemporalDatabase): Promise<void> {
  for (const name of new Set(temporalSchemaSteps(database).map((step) => step.database))) {
    await dropDatabase(urlOf(database, name));
  }
}
