/**
 * What the app and the sealer may do with each table, granted by the owner after every migration
 * run (a new table gets its privileges as soon as it exists) and checked by the app at start-up.
 *
 * The list is data: a table named here gets its class's privileges, every other table in the
 * public schema is an ordinary table the app reads and writes. A table named here that does not
 * exist yet (one a later migration adds) is skipped. Nothing is granted by default privileges:
 * a new append-only table must never be writable, not even between its migration and this step.
 */
import type { Pool, PoolClient } from 'pg';
import { escapeIdentifier } from 'pg';

type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

interface AccessClass {
  app: readonly Privilege[];
  sealer: readonly Privilege[];
}

const access = {
  ordinary: { app: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], sealer: [] },
  /** The audit trail: the app adds and reads rows; the sealer reads the chain heads it seals. */
  auditTrail: { app: ['SELECT', 'INSERT'], sealer: ['SELECT'] },
  appendOnly: { app: ['SELECT', 'INSERT'], sealer: [] },
  /** Written only by the sealer; the app may read them (audit:verify runs as the app). */
  seals: { app: ['SELECT'], sealer: ['SELECT', 'INSERT'] },
  readOnly: { app: ['SELECT'], sealer: [] },
} as const satisfies Record<string, AccessClass>;

export type AccessClassName = keyof typeof access;

/** Every table that is not ordinary. No UPDATE, DELETE or TRUNCATE for the app on any of them. */
export const tableAccess: Readonly<Record<string, Exclude<AccessClassName, 'ordinary'>>> = {
  case_events: 'auditTrail',
  /** Who read which household's personal data (查询留痕); added by migration 024. */
  access_log: 'appendOnly',
  /** Every change to the staff directory, credentials and tokens; added by migration 022. */
  staff_changes: 'appendOnly',
  audit_seals: 'seals',
  audit_seal_heads: 'seals',
  schema_migrations: 'readOnly',
};

export interface GrantRoles {
  app: string;
  sealer: string;
}

/** Arbitrary but fixed: concurrent GRANTs on one table fail with "tuple concurrently updated". */
const GRANTS_LOCK_KEY = '7395121000419';

/** Re-states every privilege of `roles` in the public schema, in one transaction. Returns the tables it saw. */
export async function applyGrants(ownerPool: Pool, roles: GrantRoles): Promise<number> {
  const client = await ownerPool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [GRANTS_LOCK_KEY]);
    const relations = await publicRelations(client);
    const app = escapeIdentifier(roles.app);
    const sealer = escapeIdentifier(roles.sealer);
    const statements = [`GRANT USAGE ON SCHEMA public TO ${app}, ${sealer}`];
    for (const relation of relations) {
      const name = escapeIdentifier(relation.name);
      if (relation.kind === 'S') {
        statements.push(`REVOKE ALL ON SEQUENCE ${name} FROM ${app}, ${sealer}`);
        // A sequence is used by inserts into the table whose column it fills; one of no table is the app's.
        const users = relation.ownedBy === null ? [app] : usersOfSequence(relation.ownedBy, roles);
        if (users.length > 0) statements.push(`GRANT USAGE ON SEQUENCE ${name} TO ${users.join(', ')}`);
        continue;
      }
      const granted = access[accessOf(relation.root)];
      statements.push(`REVOKE ALL ON TABLE ${name} FROM ${app}, ${sealer}`);
      if (granted.app.length > 0) statements.push(`GRANT ${granted.app.join(', ')} ON TABLE ${name} TO ${app}`);
      if (granted.sealer.length > 0)
        statements.push(`GRANT ${granted.sealer.join(', ')} ON TABLE ${name} TO ${sealer}`);
    }
    await client.query(statements.join(';\n'));
    await client.query('COMMIT');
    return relations.filter((r) => r.kind !== 'S').length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function accessOf(table: string): AccessClassName {
  return tableAccess[table] ?? 'ordinary';
}

function usersOfSequence(table: string, roles: GrantRoles): string[] {
  const granted: AccessClass = access[accessOf(table)];
  return [
    ...(granted.app.includes('INSERT') ? [roles.app] : []),
    ...(granted.sealer.includes('INSERT') ? [roles.sealer] : []),
  ].map(escapeIdentifier);
}

interface Relation {
  name: string;
  kind: string;
  /** For a partition, the partitioned table it belongs to: it gets the same privileges. */
  root: string;
  /** For a sequence, the table whose column it fills. */
  ownedBy: string | null;
}

async function publicRelations(client: PoolClient): Promise<Relation[]> {
  const { rows } = await client.query<Relation>(`
    SELECT c.relname AS name, c.relkind AS kind,
           (SELECT r.relname FROM pg_class r WHERE r.oid = coalesce(pg_partition_root(c.oid), c.oid)) AS root,
           (SELECT t.relname FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
             WHERE c.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = c.oid
               AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
             LIMIT 1) AS "ownedBy"
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
     ORDER BY c.relname`);
  return rows;
}

/**
 * Refuses to run the app on a connection that could rewrite the audit trail: a superuser, a role
 * that owns tables (an owner may disable triggers and grant itself anything), or one that may
 * UPDATE, DELETE or TRUNCATE an append-only table. Run with the app's own pool, after migrating.
 */
export async function assertAppRoleLimited(appPool: Pool): Promise<void> {
  const { rows } = await appPool.query<{
    role: string;
    superuser: boolean;
    owned: string[];
    rewritable: string[];
  }>(
    `SELECT current_user AS role, r.rolsuper OR r.rolbypassrls AS superuser,
            ARRAY(SELECT c.relname::text FROM pg_class c
                   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                     AND pg_has_role(current_user, c.relowner, 'MEMBER')
                   ORDER BY 1 LIMIT 5) AS owned,
            ARRAY(SELECT t FROM unnest($1::text[]) t
                   WHERE to_regclass(quote_ident(t)) IS NOT NULL
                     AND has_table_privilege(quote_ident(t), 'UPDATE, DELETE, TRUNCATE')
                   ORDER BY 1) AS rewritable
       FROM pg_roles r WHERE r.rolname = current_user`,
    [Object.keys(tableAccess)]
  );
  const found = rows[0];
  if (!found) throw new Error('Could not read the database role the app connects as');
  const problems = [
    ...(found.superuser ? ['is a superuser'] : []),
    ...(found.owned.length > 0 ? [`owns tables (${found.owned.join(', ')})`] : []),
    ...(found.rewritable.length > 0 ? [`may change or empty ${found.rewritable.join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    throw new Error(
      `Refusing to run: the app's database role ${found.role} ${problems.join(' and ')}, so it could rewrite the ` +
        'audit trail. DATABASE_URL must name the app role (yilian_app by default), not the owner or a superuser; ' +
        'see docs/security.md, "Database roles".'
    );
  }
}
