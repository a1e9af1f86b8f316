/**
 * The four ways this project connects to PostgreSQL, each as a different role (docs/security.md,
 * "Database roles"): the app (API and worker), the owner (migrations), the sealer (audit seals)
 * and an admin that creates the roles and the database. Only DATABASE_URL is needed: the others
 * default to the same server and database with the project's role names, which is what a local
 * PostgreSQL with trust authentication (npm start, the tests, CI) wants. A role's name is the
 * URL's user name, its password (when the URL has one) the URL's password.
 *
 * Pure: no I/O.
 */
export const defaultRoleNames = { owner: 'yilian_owner', app: 'yilian_app', sealer: 'yilian_sealer' } as const;
/** The bootstrap superuser of a stock PostgreSQL installation. */
const DEFAULT_ADMIN_USER = 'postgres';

export interface DatabaseUrls {
  app: string;
  owner: string;
  sealer: string;
  /** Connects to a maintenance database (`postgres`) of the same server, not to the app's. */
  admin: string;
  /** False when `admin` was derived: failing to connect with it then means "not allowed here", not an error. */
  adminConfigured: boolean;
}

export interface RoleLogin {
  name: string;
  /** From the URL; absent with trust or peer authentication. */
  password?: string;
}

/** The URL variables of config/env.ts. */
export interface DatabaseUrlSettings {
  DATABASE_URL: string;
  DATABASE_OWNER_URL?: string;
  DATABASE_SEALER_URL?: string;
  DATABASE_ADMIN_URL?: string;
}

export function databaseUrls(env: DatabaseUrlSettings): DatabaseUrls {
  const app = env.DATABASE_URL;
  const urls: DatabaseUrls = {
    app,
    owner: env.DATABASE_OWNER_URL ?? withUser(app, defaultRoleNames.owner),
    sealer: env.DATABASE_SEALER_URL ?? withUser(app, defaultRoleNames.sealer),
    admin: env.DATABASE_ADMIN_URL ?? withDatabase(withUser(app, DEFAULT_ADMIN_USER), 'postgres'),
    adminConfigured: env.DATABASE_ADMIN_URL !== undefined,
  };
  const roles = {
    DATABASE_URL: loginOf(urls.app).name,
    DATABASE_OWNER_URL: loginOf(urls.owner).name,
    DATABASE_SEALER_URL: loginOf(urls.sealer).name,
  };
  const admin = loginOf(urls.admin).name;
  for (const [variable, role] of Object.entries(roles)) {
    if (role === admin) {
      throw new Error(
        `${variable} connects as ${role}, the admin that creates the project's roles: the app, the owner and the ` +
          `sealer each need a role of their own (defaults ${Object.values(defaultRoleNames).join(', ')}; docs/security.md)`
      );
    }
  }
  if (roles.DATABASE_URL === roles.DATABASE_OWNER_URL) {
    throw new Error(
      `DATABASE_URL and DATABASE_OWNER_URL both connect as ${roles.DATABASE_URL}: the app must not connect as the ` +
        'role that owns the tables, or it could empty the audit trail. Give the app its own role (docs/security.md).'
    );
  }
  if (roles.DATABASE_SEALER_URL === roles.DATABASE_URL || roles.DATABASE_SEALER_URL === roles.DATABASE_OWNER_URL) {
    throw new Error(
      `DATABASE_SEALER_URL connects as ${roles.DATABASE_SEALER_URL}, which is also the app's or the owner's role; give the sealer its own`
    );
  }
  return urls;
}

/** The role a URL logs in as. */
export function loginOf(url: string): RoleLogin {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.username);
  if (name === '')
    throw new Error(`${redactPassword(url)} names no user: write the role into the URL (postgres://role@host/db)`);
  const password = decodeURIComponent(parsed.password);
  return password === '' ? { name } : { name, password };
}

/** The URL's database name. */
export function databaseOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (name === '') throw new Error(`${redactPassword(url)} names no database`);
  return name;
}

/** The same server and options as another user; the password is dropped, as it belonged to the other user. */
export function withUser(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = '';
  return parsed.toString();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** For messages and logs: a URL's password never leaves the process. */
export function redactPassword(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
