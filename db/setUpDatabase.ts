/**
 * Makes a database ready for the app in the order the roles allow: the admin creates the roles and
 * the database (owned by the owner role), the owner applies the migrations and grants the app and
 * the sealer their privileges. The app itself never migrates: it only asks whether someone must.
 */
import type { DatabaseError, Pool } from 'pg';
import type { DatabaseUrls } from '../config/databaseUrls';
import { databaseOf, loginOf, redactPassword } from '../config/databaseUrls';
import { applyGrants } from './grants';
import { migrate, pendingMigrations } from './migrate';
import { createPool } from './pool';
import { ensureOwnedDatabase, ensureRoles } from './roles';

export interface SetUpOptions {
  log: (message: string) => void;
  migrationsDir?: string;
}

export interface SetUpReport {
  createdRoles: string[];
  createdDatabase: boolean;
  /** False when the admin step was skipped (roles made by a DBA beforehand). */
  rolesChecked: boolean;
  applied: string[];
}

export async function setUpDatabase(urls: DatabaseUrls, options: SetUpOptions): Promise<SetUpReport> {
  const database = databaseOf(urls.app);
  for (const [name, url] of [
    ['DATABASE_OWNER_URL', urls.owner],
    ['DATABASE_SEALER_URL', urls.sealer],
  ] as const) {
    if (databaseOf(url) !== database) {
      throw new Error(
        `${name} names database ${databaseOf(url)}, DATABASE_URL names ${database}: they must be the same`
      );
    }
  }
  const [owner, app, sealer] = [loginOf(urls.owner), loginOf(urls.app), loginOf(urls.sealer)];
  const report: SetUpReport = { createdRoles: [], createdDatabase: false, rolesChecked: false, applied: [] };

  try {
    report.createdRoles = await ensureRoles(urls.admin, [owner, app, sealer]);
    report.createdDatabase = await ensureOwnedDatabase(urls.admin, database, owner.name);
    report.rolesChecked = true;
  } catch (error) {
    if (urls.adminConfigured || !(isRefusedLogin(error) || isMissingPassword(error))) {
      throw new Error(`Setting up roles as ${redactPassword(urls.admin)} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    // A server where the stock superuser may not log in from here: the roles are a DBA's job.
    options.log(
      `not creating roles (cannot log in as ${loginOf(urls.admin).name}: ${(error as Error).message}); ` +
        `roles ${owner.name}, ${app.name}, ${sealer.name} and database ${database} owned by ${owner.name} must exist`
    );
  }

  const ownerPool = createPool(urls.owner, { max: 1, applicationName: 'yilian-migrate' });
  try {
    report.applied = await migrate(ownerPool, { dir: options.migrationsDir, log: options.log });
    await applyGrants(ownerPool, { app: app.name, sealer: sealer.name });
  } catch (error) {
    throw new Error(
      `Migrating as the owner role ${owner.name} (DATABASE_OWNER_URL) failed: ${(error as Error).message}`,
      {
        cause: error,
      }
    );
  } finally {
    await ownerPool.end();
  }
  return report;
}

/**
 * True when the schema is up to date as far as the app can see. False also when the app cannot
 * look yet (no database, no role, no table, no privilege): all of those mean "set it up first".
 */
export async function schemaIsCurrent(appPool: Pool, migrationsDir?: string): Promise<boolean> {
  try {
    return (await pendingMigrations(appPool, migrationsDir)).length === 0;
  } catch (error) {
    const code = (error as DatabaseError).code;
    if (code === '3D000' || code === '42P01' || code === '42501' || isRefusedLogin(error)) return false;
    throw error;
  }
}

/** pg's own error when the server asks for a password and the URL has none. */
function isMissingPassword(error: unknown): boolean {
  return error instanceof Error && /password must be a string|no password/i.test(error.message);
}

/** invalid_authorization_specification (no such role, pg_hba refuses) and invalid_password. */
function isRefusedLogin(error: unknown): boolean {
  const code = (error as DatabaseError).code;
  return code === '28000' || code === '28P01';
}
