/**
 * What only an admin connection (a superuser) can do: create the project's login roles, and the
 * database owned by the owner role. Roles are cluster-wide and several processes (test runs, API
 * and worker starting together) may do this at once, so each step is idempotent, serialised by an
 * advisory lock, and a CREATE that loses a race counts as done.
 *
 * Table privileges are not set here: the owner grants them after each migration (db/grants.ts).
 */
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import type { DatabaseError } from 'pg';
import type { RoleLogin } from '../config/databaseUrls';
import { withDatabase } from '../config/databaseUrls';
import { scramSha256Verifier } from './scramVerifier';

/** Arbitrary but fixed; advisory locks are per database, and every bootstrap uses the admin URL's. */
const ROLES_LOCK_KEY = '7395121000418';

/** What a login role of this project may never be: each of these would let it around the grants. */
const LIMITED = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT';

/** Creates the roles that do not exist and makes the attributes of all of them LIMITED; returns those it created. */
export async function ensureRoles(adminUrl: string, roles: readonly RoleLogin[]): Promise<string[]> {
  return withClient(adminUrl, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [ROLES_LOCK_KEY]);
      // Checked before anything changes, and never "fixed": a superuser named here is a configuration
      // mistake (a URL pointing at the admin), and demoting it would lock the administrators out.
      const { rows: superusers } = await client.query<{ rolname: string }>(
        'SELECT rolname FROM pg_roles WHERE rolsuper AND rolname = ANY($1)',
        [roles.map((r) => r.name)]
      );
      if (superusers.length > 0) {
        throw new Error(
          `${superusers.map((r) => r.rolname).join(', ')} is a superuser, so it cannot be one of the project's roles: ` +
            'give the app, the owner and the sealer roles of their own (docs/security.md, "Database roles")'
        );
      }
      const created: string[] = [];
      for (const role of roles) {
        if (await createRole(client, role.name)) created.push(role.name);
        await limitRole(client, role);
      }
      await client.query('COMMIT');
      return created;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

async function createRole(client: Client, name: string): Promise<boolean> {
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  if (found.rowCount !== 0) return false;
  // In a DO block so that losing the race with a process whose admin URL names another database
  // (which the advisory lock does not cover) is a no-op, not an aborted transaction.
  await client.query(`
    DO $$ BEGIN
      CREATE ROLE ${escapeIdentifier(name)} ${LIMITED};
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  return true;
}

async function limitRole(client: Client, role: RoleLogin): Promise<void> {
  const { rows } = await client.query<{ limited: boolean }>(
    `SELECT rolcanlogin AND NOT (rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls) AS limited
       FROM pg_roles WHERE rolname = $1`,
    [role.name]
  );
  const password = role.password === undefined ? '' : ` PASSWORD ${escapeLiteral(scramSha256Verifier(role.password))}`;
  if (rows[0]?.limited === true && password === '') return;
  await client.query(`ALTER ROLE ${escapeIdentifier(role.name)} WITH ${LIMITED}${password}`);
}

/**
 * Creates `database` owned by `owner`, or hands an existing one (and everything in its public
 * schema) to `owner`: a database made before the roles existed belongs to whoever ran the first
 * migration, usually the superuser. Returns true when it created the database.
 */
export async function ensureOwnedDatabase(adminUrl: string, database: string, owner: string): Promise<boolean> {
  const created = await withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database]
    );
    const current = rows[0];
    if (current === undefined) {
      try {
        await client.query(`CREATE DATABASE ${escapeIdentifier(database)} OWNER ${escapeIdentifier(owner)}`);
        return true;
      } catch (error) {
        // Created by another process between the check and the CREATE (duplicate_database, or a
        // unique violation on pg_database when both CREATEs overlap): it is now its turn to own it.
        const code = (error as DatabaseError).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
    if (current?.owner !== owner) {
      await client.query(`ALTER DATABASE ${escapeIdentifier(database)} OWNER TO ${escapeIdentifier(owner)}`);
    }
    return false;
  });
  await withClient(withDatabase(adminUrl, database), (client) => handOverPublicSchema(client, owner));
  return created;
}

/**
 * Everything in the public schema not already the owner's (tables, standalone sequences,
 * functions) becomes the owner's; a sequence that belongs to a column moves with its table. Also
 * takes CREATE on the schema from PUBLIC, which PostgreSQL before 15 grants everyone.
 */
async function handOverPublicSchema(client: Client, owner: string): Promise<void> {
  await client.query(`
    DO $$
    DECLARE
      target constant regrole := ${escapeLiteral(escapeIdentifier(owner))}::regrole;
      r record;
    BEGIN
      FOR r IN
        SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relowner <> target
           AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d
                            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
      LOOP
        EXECUTE format('ALTER %s %s OWNER TO %s',
                       CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                      WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                       r.name, target);
      END LOOP;
      FOR r IN
        SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
         WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> target
      LOOP
        EXECUTE format('ALTER %s %s OWNER TO %s',
                       CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
                       r.name, target);
      END LOOP;
      IF (SELECT nspowner FROM pg_namespace WHERE nspname = 'public') NOT IN (target, 'pg_database_owner'::regrole) THEN
        EXECUTE format('ALTER SCHEMA public OWNER TO %s', target);
      END IF;
    END $$;
    REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: 10_000,
    application_name: 'yilian-roles',
  });
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
