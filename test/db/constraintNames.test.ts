/**
 * Constraint names in the migrated schema say what they enforce. PostgreSQL names an unnamed
 * table-level CHECK by position (tasks_check, org_units_check1) and breaks name clashes with a digit;
 * a migration that later drops such a constraint by name depends on declaration order. Column-level
 * names (<table>_<column>_check, _key, _fkey, _pkey) name their columns and are left as they are.
 */
import { Pool } from 'pg';
import { testEnvironment } from '../support/environment';

const env = testEnvironment();
let pool: Pool;

beforeAll(() => {
  pool = new Pool({ connectionString: env.databaseUrl, max: 1 });
});
afterAll(async () => {
  await pool.end();
});

/** PostgreSQL's positional names: '<table>_check', '<table>_check1', or any generated name with a clash digit. */
function isPositional(table: string, name: string): boolean {
  return new RegExp(`^${table}_check\\d*$`).test(name) || /_(check|key|fkey|pkey|excl)\d+$/.test(name);
}

describe('database / constraint names', () => {
  it('recognises the names PostgreSQL makes up for unnamed table-level checks', () => {
    expect(isPositional('tasks', 'tasks_check')).toBe(true);
    expect(isPositional('org_units', 'org_units_check2')).toBe(true);
    expect(isPositional('tasks', 'tasks_status_check')).toBe(false);
    expect(isPositional('tasks', 'tasks_claimant')).toBe(false);
  });

  it('gives no constraint of the migrated schema a positional name', async () => {
    const { rows } = await pool.query<{ table: string; name: string }>(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid <> 0`
    );
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => isPositional(r.table, r.name)).map((r) => `${r.table}.${r.name}`)).toEqual([]);
  });
});
