/**
 * Names and sweeps the per-run test databases. Each run gets its own database so runs never see
 * each other's rows; a run that was killed (Ctrl-C, CI timeout) skips its teardown, so later runs
 * drop such leftovers once they are clearly abandoned.
 */
import { Client } from 'pg';
import type { DatabaseUrls } from '../../config/databaseUrls';
import { defaultRoleNames, withDatabase, withUser } from '../../config/databaseUrls';
import { dropDatabase } from '../../db/ensureDatabase';
import { setUpDatabase } from '../../db/setUpDatabase';

const PREFIX = 'yilian_test_';
const NAME_PATTERN = /^yilian_test_(\d+)_(\d+)(_\w+)?$/;
/** Old enough that no live run can still be using it, even one on another machine sharing the server. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
/** A run from this machine whose process is gone is abandoned sooner. */
const DEAD_PROCESS_AFTER_MS = 60 * 60 * 1000;

/** `yilian_test_<timestamp>_<pid>[_suffix]` on the server of `serverUrl`. */
export function testDatabaseUrl(serverUrl: string, suffix = ''): string {
  const url = new URL(serverUrl);
  url.pathname = `/${PREFIX}${Date.now()}_${process.pid}${suffix && `_${suffix}`}`;
  return url.toString();
}

/** The project's roles on the database of `adminDatabaseUrl` (a superuser's URL naming that database). */
export function roleUrls(adminDatabaseUrl: string): DatabaseUrls {
  return {
    app: withUser(adminDatabaseUrl, defaultRoleNames.app),
    owner: withUser(adminDatabaseUrl, defaultRoleNames.owner),
    sealer: withUser(adminDatabaseUrl, defaultRoleNames.sealer),
    admin: withDatabase(adminDatabaseUrl, 'postgres'),
    adminConfigured: true,
  };
}

export interface RoleDatabase {
  urls: DatabaseUrls;
  /** A superuser on this database: what someone who got around the roles could do. */
  adminDatabaseUrl: string;
  drop(): Promise<void>;
}

/** A database of its own, set up as the run's is (roles, owner, migrations, grants). */
export async function createRoleDatabase(adminUrl: string, suffix: string): Promise<RoleDatabase> {
  const adminDatabaseUrl = testDatabaseUrl(adminUrl, suffix);
  const urls = roleUrls(adminDatabaseUrl);
  const drop = () => dropDatabase(adminDatabaseUrl);
  try {
    await setUpDatabase(urls, { log: () => undefined });
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return { urls, adminDatabaseUrl, drop };
}

export async function dropStaleTestDatabases(serverUrl: string, log: (m: string) => void): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  client.on('error', () => undefined);
  await client.connect();
  let names: string[];
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'yilian\\_test\\_%'"
    );
    names = rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
  for (const name of names.filter(isAbandoned)) {
    url.pathname = `/${name}`;
    log(`dropping abandoned test database ${name}`);
    await dropDatabase(url.toString());
  }
}

function isAbandoned(name: string): boolean {
  const match = NAME_PATTERN.exec(name);
  if (!match) return false;
  const age = Date.now() - Number(match[1]);
  return age > ABANDONED_AFTER_MS || (age > DEAD_PROCESS_AFTER_MS && !processAlive(Number(match[2])));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just is not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
