/**
 * The database roles (docs/security.md, "Database roles"), tried against the real server: the app
 * role the API and the worker connect as cannot rewrite the audit trail by any route (TRUNCATE,
 * UPDATE, DELETE, switching the trigger off, writing seals), yet records and reads audit lines and
 * uses ordinary tables as before; setting the roles up is idempotent under races and hands a
 * database someone else made to the owner role.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseError } from 'pg';
import { Client, Pool } from 'pg';
import { defaultRoleNames, withDatabase, withUser } from '../../config/databaseUrls';
import { verifyAuditChain } from '../../db/auditChain';
import { atomically, insertAudit } from '../../db/caseWrites';
import { dropDatabase, ensureDatabase } from '../../db/ensureDatabase';
import { accessOf, applyGrants, assertAppRoleLimited, tableAccess } from '../../db/grants';
import { migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { ensureOwnedDatabase, ensureRoles } from '../../db/roles';
import { scramSha256Verifier } from '../../db/scramVerifier';
import { testEnvironment } from '../support/environment';
import { testDatabaseUrl } from '../support/testDatabases';

const env = testEnvironment();
let app: Pool;
let owner: Pool;
let admin: Pool;

beforeAll(() => {
  app = new Pool({ connectionString: env.databaseUrl, max: 2 });
  owner = new Pool({ connectionString: env.ownerDatabaseUrl, max: 2 });
  // A superuser on the run's database.
  admin = new Pool({
    connectionString: withDatabase(env.adminUrl, new URL(env.databaseUrl).pathname.slice(1)),
    max: 1,
  });
});
afterAll(async () => {
  await Promise.all([app?.end(), owner?.end(), admin?.end()]);
});

const caseId = () => `DB-379901-role${randomUUID().replace(/-/g, '').slice(0, 16)}`;

const auditLine = (id: string, seq: number) =>
  insertAudit({
    caseId: id,
    seq,
    actor: { userId: 'clerk-01', role: 'window', org: '379901061' },
    event: seq === 0 ? 'SUBMIT' : 'ACCEPT',
    fromState: seq === 0 ? null : 'intake',
    toState: 'investigation',
    comment: null,
    payload: { seq },
    occurredAt: new Date().toISOString(),
  });

/** The SQLSTATE a statement fails with as `pool`'s role. */
async function refusal(pool: Pool, sql: string, params: unknown[] = []): Promise<string | undefined> {
  try {
    await pool.query(sql, params);
  } catch (error) {
    return (error as DatabaseError).code;
  }
  throw new Error(`${sql} did not fail`);
}

const INSUFFICIENT_PRIVILEGE = '42501';

describe('database roles / the app role', () => {
  it('connects as the app role, which is no superuser and may not create roles or databases', async () => {
    const { rows } = await app.query(
      `SELECT current_user AS role, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls
         FROM pg_roles WHERE rolname = current_user`
    );
    expect(rows[0]).toEqual({
      role: defaultRoleNames.app,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
    });
  });

  it('owns no table: every table of the schema belongs to the owner role', async () => {
    const { rows } = await admin.query<{ owner: string; n: number }>(
      `SELECT pg_get_userbyid(relowner) AS owner, count(*)::int AS n FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'S') GROUP BY 1`
    );
    expect(rows.map((r) => r.owner)).toEqual([defaultRoleNames.owner]);
  });

  it.each([
    ['TRUNCATE the audit table', 'TRUNCATE case_events'],
    ['UPDATE an audit line', "UPDATE case_events SET comment = '改过' WHERE case_id = $1"],
    ['DELETE an audit line', 'DELETE FROM case_events WHERE case_id = $1'],
    ['switch the append-only trigger off', 'ALTER TABLE case_events DISABLE TRIGGER case_events_no_update'],
    ['switch every trigger off', 'ALTER TABLE case_events DISABLE TRIGGER ALL'],
  ])('may not %s (insufficient_privilege)', async (_what, sql) => {
    const id = caseId();
    await app.query(auditLine(id, 0));
    const params = sql.includes('$1') ? [id] : [];
    await expect(refusal(app, sql, params)).resolves.toBe(INSUFFICIENT_PRIVILEGE);
    const { rows } = await app.query('SELECT comment FROM case_events WHERE case_id = $1', [id]);
    expect(rows).toEqual([{ comment: null }]);
  });

  it('records audit lines through the chain trigger and reads them back', async () => {
    const id = caseId();
    await app.query(atomically([auditLine(id, 0)]));
    await Promise.all([1, 2, 3].map((seq) => app.query(auditLine(id, seq))));
    const { rows } = await app.query('SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq', [id]);
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual([0, 1, 2, 3]);
    expect(await verifyAuditChain(app, { caseId: id })).toMatchObject({ rows: 4, firstBreak: null });
  });

  it('reads, writes, changes and deletes rows of an ordinary table', async () => {
    const staff = `role-test-${randomUUID()}`;
    const { rows } = await app.query<{ id: string }>(
      `INSERT INTO staff_relatives (staff_user_id, staff_name, staff_org, relative_id_number, relation, registered_by)
       VALUES ($1, '测试', '379901', $2, '配偶', 'admin-1') RETURNING id`,
      [staff, `none-${randomUUID()}`]
    );
    const id = rows[0]?.id;
    await app.query("UPDATE staff_relatives SET relation = '子女' WHERE id = $1", [id]);
    await app.query('DELETE FROM staff_relatives WHERE id = $1', [id]);
    expect((await app.query('SELECT 1 FROM staff_relatives WHERE staff_user_id = $1', [staff])).rowCount).toBe(0);
  });

  it('may read the seals but not write them; the sealer may add them but not change them', async () => {
    await expect(app.query('SELECT count(*) FROM audit_seals')).resolves.toBeDefined();
    const insertSeal = `INSERT INTO audit_seals (sealed_at, key_id, case_count, changed_count, heads_digest, signature)
                        VALUES (now(), 'k', 0, 0, decode(repeat('00', 32), 'hex'), '\\x00')`;
    await expect(refusal(app, insertSeal)).resolves.toBe(INSUFFICIENT_PRIVILEGE);
    await expect(refusal(app, "UPDATE audit_seals SET key_id = 'forged'")).resolves.toBe(INSUFFICIENT_PRIVILEGE);
    await expect(refusal(app, 'DELETE FROM audit_seal_heads')).resolves.toBe(INSUFFICIENT_PRIVILEGE);
    const sealer = new Pool({ connectionString: env.sealerDatabaseUrl, max: 1 });
    try {
      await expect(refusal(sealer, "UPDATE audit_seals SET key_id = 'forged'")).resolves.toBe(INSUFFICIENT_PRIVILEGE);
      await expect(refusal(sealer, 'TRUNCATE audit_seal_heads')).resolves.toBe(INSUFFICIENT_PRIVILEGE);
      await expect(refusal(sealer, 'SELECT * FROM staff_relatives')).resolves.toBe(INSUFFICIENT_PRIVILEGE);
      await expect(refusal(sealer, "INSERT INTO case_events (case_id) VALUES ('x')")).resolves.toBe(
        INSUFFICIENT_PRIVILEGE
      );
    } finally {
      await sealer.end();
    }
  });

  it('has exactly its class of privileges on every table of the schema', async () => {
    const { rows } = await app.query<{ name: string; privileges: string[] }>(`
      SELECT c.relname AS name,
             ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p
                    WHERE has_table_privilege(c.oid, p)) AS privileges
        FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')`);
    const expected = {
      ordinary: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
      auditTrail: ['SELECT', 'INSERT'],
      appendOnly: ['SELECT', 'INSERT'],
      seals: ['SELECT'],
      readOnly: ['SELECT'],
    };
    for (const { name, privileges } of rows) {
      expect({ name, privileges }).toEqual({ name, privileges: expected[accessOf(name)] });
    }
    // Every listed table that exists was seen (a later migration may add the others).
    const names = new Set(rows.map((r) => r.name));
    expect(names).toContain('case_events');
    expect(names).toContain('audit_seals');
    for (const table of Object.keys(tableAccess).filter((t) => names.has(t))) {
      expect(accessOf(table)).not.toBe('ordinary');
    }
  });

  it('start-up refuses the owner role and a superuser as the app, and accepts the app role', async () => {
    await expect(assertAppRoleLimited(app)).resolves.toBeUndefined();
    await expect(assertAppRoleLimited(owner)).rejects.toThrow(/yilian_owner owns tables .* may change or empty/);
    await expect(assertAppRoleLimited(admin)).rejects.toThrow(/is a superuser/);
  });
});

describe('database roles / set-up', () => {
  const adminServer = env.adminUrl;
  const testRoles: string[] = [];
  afterAll(async () => {
    const client = new Client({ connectionString: adminServer });
    await client.connect();
    try {
      for (const role of testRoles) await client.query(`DROP ROLE IF EXISTS ${role}`);
    } finally {
      await client.end();
    }
  });

  const newRoleName = () => {
    const name = `yilian_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    testRoles.push(name);
    return name;
  };

  it('creates each role once when several processes set up at the same time, and limits it', async () => {
    const [a, b] = [newRoleName(), newRoleName()];
    const created = await Promise.all([1, 2, 3, 4].map(() => ensureRoles(adminServer, [{ name: a }, { name: b }])));
    expect(created.flat().sort()).toEqual([a, b].sort());
    const client = new Pool({ connectionString: adminServer, max: 1 });
    try {
      await client.query(`ALTER ROLE ${a} CREATEDB CREATEROLE`);
      await ensureRoles(adminServer, [{ name: a }]);
      const { rows } = await client.query(
        'SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1',
        [a]
      );
      expect(rows[0]).toEqual({ rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false });
    } finally {
      await client.end();
    }
  });

  it('refuses a superuser named as one of its roles, and leaves it a superuser', async () => {
    const role = newRoleName();
    const client = new Pool({ connectionString: adminServer, max: 1 });
    try {
      await client.query(`CREATE ROLE ${role} SUPERUSER NOLOGIN`);
      await expect(ensureRoles(adminServer, [{ name: newRoleName() }, { name: role }])).rejects.toThrow(
        `${role} is a superuser, so it cannot be one of the project's roles`
      );
      const { rows } = await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [role]);
      expect(rows).toEqual([{ rolsuper: true }]);
    } finally {
      await client.end();
    }
  });

  it('stores a password from the URL as the SCRAM verifier PostgreSQL itself would store', async () => {
    const role = newRoleName();
    await ensureRoles(adminServer, [{ name: role, password: 'correct horse battery staple' }]);
    const client = new Pool({ connectionString: adminServer, max: 1 });
    try {
      const stored = async (name: string) =>
        (await client.query<{ p: string }>('SELECT rolpassword AS p FROM pg_authid WHERE rolname = $1', [name])).rows[0]
          ?.p;
      const ours = await stored(role);
      expect(ours).toMatch(/^SCRAM-SHA-256\$4096:/);
      // The server's own verifier for the same password, recomputed here with its salt.
      const theirsRole = newRoleName();
      await client.query("SET password_encryption = 'scram-sha-256'");
      await client.query(`CREATE ROLE ${theirsRole} PASSWORD 'correct horse battery staple'`);
      const theirs = (await stored(theirsRole)) ?? '';
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(theirs) ?? [];
      expect(
        scramSha256Verifier('correct horse battery staple', Buffer.from(salt ?? '', 'base64'), Number(iterations))
      ).toBe(theirs);
    } finally {
      await client.end();
    }
    expect(() => scramSha256Verifier('密码')).toThrow(/printable ASCII/);
  });

  it('hands a database the superuser made, with its tables, sequences and functions, to the owner role', async () => {
    const databaseUrl = testDatabaseUrl(adminServer, 'handover');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-handover-'));
    // createPool's error listener: the database is dropped WITH FORCE while a pool may still be closing.
    const quiet = { log: () => undefined };
    const pool = createPool(databaseUrl, { max: 1, ...quiet });
    try {
      await ensureDatabase(databaseUrl);
      await writeFile(
        path.join(dir, '001_old.sql'),
        `CREATE TABLE case_events (id bigserial PRIMARY KEY, note text);
         CREATE TABLE notes (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text);
         CREATE SEQUENCE standalone;
         CREATE FUNCTION note_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM notes $$;`
      );
      await migrate(pool, { dir });
      const database = new URL(databaseUrl).pathname.slice(1);
      await expect(ensureOwnedDatabase(adminServer, database, defaultRoleNames.owner)).resolves.toBe(false);
      const { rows } = await pool.query<{ name: string; owner: string }>(`
        SELECT relname AS name, pg_get_userbyid(relowner) AS owner FROM pg_class
         WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')
        UNION ALL SELECT proname, pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
        UNION ALL SELECT datname, pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()
        ORDER BY 1`);
      expect(new Set(rows.map((r) => r.owner))).toEqual(new Set([defaultRoleNames.owner]));
      expect(rows.map((r) => r.name)).toEqual(
        expect.arrayContaining([
          'case_events',
          'case_events_id_seq',
          'notes',
          'notes_id_seq',
          'standalone',
          'note_count',
        ])
      );
      // The owner can now migrate and grant; the app then appends to the audit table and uses the other.
      const ownerPool = createPool(withUser(databaseUrl, defaultRoleNames.owner), { max: 1, ...quiet });
      const appPool = createPool(withUser(databaseUrl, defaultRoleNames.app), { max: 1, ...quiet });
      try {
        await applyGrants(ownerPool, { app: defaultRoleNames.app, sealer: defaultRoleNames.sealer });
        await appPool.query("INSERT INTO case_events (note) VALUES ('a')");
        await appPool.query("INSERT INTO notes (body) VALUES ('b')");
        await appPool.query("UPDATE notes SET body = 'c'");
        await expect(refusal(appPool, "UPDATE case_events SET note = 'x'")).resolves.toBe(INSUFFICIENT_PRIVILEGE);
      } finally {
        await Promise.all([ownerPool.end(), appPool.end()]);
      }
    } finally {
      await pool.end();
      await dropDatabase(databaseUrl);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('grants again, from several processes at once, without failing or changing anything', async () => {
    const roles = { app: defaultRoleNames.app, sealer: defaultRoleNames.sealer };
    const counts = await Promise.all([1, 2, 3].map(() => applyGrants(owner, roles)));
    expect(new Set(counts).size).toBe(1);
    await expect(assertAppRoleLimited(app)).resolves.toBeUndefined();
  });
});
