/**
 * The ground the other integration tests stand on: the Temporal server globalSetup started answers
 * and knows the case search attributes, and the database helpers behave under repetition, races
 * and edited migrations. Migration experiments run in a database of their own, not the shared one.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { Pool } from 'pg';
import { dropDatabase, ensureDatabase } from '../db/ensureDatabase';
import { defaultMigrationsDir, migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { ensureSearchAttributes } from '../temporal/registerSearchAttributes';
import { caseSearchAttributes } from '../workflows/searchAttributes';
import { testEnvironment } from './support/environment';
import { testDatabaseUrl } from './support/testDatabases';

const env = testEnvironment();

describe('Temporal server', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await Connection.connect({ address: env.temporalAddress });
  });
  afterAll(async () => {
    await connection?.close();
  });

  test('answers', async () => {
    const info = await connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toBeTruthy();
  });

  test('has the case search attributes, with their types', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: env.namespace });
    const expected = {
      Keyword: encodeSearchAttributeIndexedValueType('KEYWORD'),
      Datetime: encodeSearchAttributeIndexedValueType('DATETIME'),
    };
    for (const { name, type } of caseSearchAttributes) {
      expect([name, customAttributes?.[name]]).toEqual([name, expected[type]]);
    }
  });

  test('ensureSearchAttributes adds nothing when they are all there', async () => {
    await expect(ensureSearchAttributes(connection, env.namespace)).resolves.toEqual([]);
  });
});

describe('the run database', () => {
  let pool: Pool;
  let ownerPool: Pool;
  beforeAll(() => {
    pool = createPool(env.databaseUrl, { max: 2 });
    ownerPool = createPool(env.ownerDatabaseUrl, { max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await ownerPool?.end();
  });

  test('has every migration applied', async () => {
    const files = (await readdir(defaultMigrationsDir)).filter((f) => f.endsWith('.sql')).sort();
    const { rows } = await pool.query<{ file: string }>(
      "SELECT version || '_' || name || '.sql' AS file FROM schema_migrations ORDER BY version"
    );
    expect(rows.map((r) => r.file)).toEqual(files);
  });

  test('migrate is idempotent', async () => {
    await expect(migrate(ownerPool)).resolves.toEqual([]);
  });

  test('ensureDatabase is idempotent', async () => {
    await expect(ensureDatabase(env.databaseUrl)).resolves.toBe(false);
  });
});

describe('migrations in a scratch database', () => {
  const databaseUrl = testDatabaseUrl(env.adminUrl, 'scratch');
  let dir: string;
  let pool: Pool;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-migrations-'));
    await writeFile(path.join(dir, '001_first.sql'), 'CREATE TABLE first (id int PRIMARY KEY);');
    await writeFile(
      path.join(dir, '002_second.sql'),
      // Several statements and a dollar-quoted body: the file must go to the server as it is.
      `CREATE TABLE second (id int PRIMARY KEY);
       CREATE FUNCTION second_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM second; $$;`
    );
  });
  afterAll(async () => {
    await pool?.end();
    await dropDatabase(databaseUrl);
    await rm(dir, { recursive: true, force: true });
  });

  test('ensureDatabase creates it once even when raced', async () => {
    const created = await Promise.all([1, 2, 3].map(() => ensureDatabase(databaseUrl)));
    expect(created.filter(Boolean)).toHaveLength(1);
    pool = createPool(databaseUrl, { max: 4 });
  });

  test('concurrent migrate runs apply each file exactly once', async () => {
    const [a, b] = await Promise.all([migrate(pool, { dir }), migrate(pool, { dir })]);
    expect([...(a ?? []), ...(b ?? [])].sort()).toEqual(['001_first.sql', '002_second.sql']);
    const { rows } = await pool.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(['001', '002']);
  });

  test('a failing migration leaves nothing behind', async () => {
    await writeFile(path.join(dir, '003_broken.sql'), 'CREATE TABLE third (id int); SELECT no_such_function();');
    await expect(migrate(pool, { dir })).rejects.toThrow(/003_broken\.sql failed/);
    const { rows } = await pool.query(
      "SELECT to_regclass('third') AS t, (SELECT count(*) FROM schema_migrations) AS n"
    );
    expect(rows[0]).toEqual({ t: null, n: '2' });
    await rm(path.join(dir, '003_broken.sql'));
  });

  test('an edited, already-applied migration is refused', async () => {
    await writeFile(path.join(dir, '001_first.sql'), 'CREATE TABLE first (id bigint PRIMARY KEY);');
    await writeFile(path.join(dir, '003_third.sql'), 'CREATE TABLE third (id int);');
    await expect(migrate(pool, { dir })).rejects.toThrow(/001_first\.sql/);
    // Nothing after the refusal ran either.
    const { rows } = await pool.query("SELECT to_regclass('third') AS t");
    expect(rows[0]).toEqual({ t: null });
  });
});
