/**
 * Which database errors a retry can never cure, decided on errors PostgreSQL really raises: a NUL
 * byte, a value too long or out of range, a CHECK or NOT NULL broken, a statement on a missing
 * table are refusals for good; a unique clash (resolved by ON CONFLICT on retry), a serialization
 * failure, a deadlock and a lost connection are not.
 */
import { Pool } from 'pg';
import { permanentRefusal } from '../../db/sqlState';
import { testEnvironment } from '../support/environment';

let pool: Pool;

beforeAll(() => {
  pool = new Pool({ connectionString: testEnvironment().databaseUrl, max: 1 });
});
afterAll(async () => {
  await pool?.end();
});

/** The error PostgreSQL raises for a statement, run on one connection (the temporary table lives there). */
async function errorOf(text: string, values: unknown[] = []): Promise<unknown> {
  const client = await pool.connect();
  try {
    await client.query(`CREATE TEMPORARY TABLE IF NOT EXISTS refusals (
      id int CONSTRAINT refusals_pk PRIMARY KEY,
      name varchar(4) NOT NULL,
      amount numeric(4, 2),
      CONSTRAINT refusals_amount_positive CHECK (amount > 0))`);
    await client.query(`INSERT INTO refusals VALUES (1, 'a', 1) ON CONFLICT DO NOTHING`);
    await client.query(text, values);
  } catch (error) {
    return error;
  } finally {
    client.release();
  }
  throw new Error(`${text} did not fail`);
}

describe('database errors / refused for good', () => {
  it.each([
    [
      'a NUL byte in text',
      '22021',
      'character_not_in_repertoire',
      'INSERT INTO refusals VALUES (2, $1, 1)',
      ['a\u0000b'],
    ],
    [
      'a value too long',
      '22001',
      'string_data_right_truncation',
      'INSERT INTO refusals VALUES (2, $1, 1)',
      ['张三李四王五'],
    ],
    [
      'a number out of range',
      '22003',
      'numeric_value_out_of_range',
      'INSERT INTO refusals VALUES (2, $1, $2)',
      ['a', 1000],
    ],
    [
      'text where a number belongs',
      '22P02',
      'invalid_text_representation',
      'INSERT INTO refusals VALUES ($1, $2, 1)',
      ['x', 'a'],
    ],
    ['a missing required value', '23502', 'not_null_violation', 'INSERT INTO refusals VALUES (2, NULL, 1)', []],
    ['a broken CHECK', '23514', 'check_violation', 'INSERT INTO refusals VALUES (2, $1, -1)', ['a']],
    ['a missing table', '42P01', 'undefined_table', 'INSERT INTO no_such_table VALUES (1)', []],
  ])('%s is SQLSTATE %s (%s), refused for good', async (_what, sqlState, condition, text, values) => {
    expect(permanentRefusal(await errorOf(text, values as unknown[]))).toMatchObject({ sqlState, condition });
  });

  it('names the SQLSTATE and the schema objects, never the value that was refused', async () => {
    const refusal = permanentRefusal(await errorOf('INSERT INTO refusals VALUES ($1, $2, 1)', ['张三身份证', 'a']));
    expect(refusal?.message).toContain('SQLSTATE 22P02');
    expect(refusal?.message).not.toContain('张三身份证');
    const check = permanentRefusal(await errorOf('INSERT INTO refusals VALUES (2, $1, -1)', ['李四']));
    expect(check?.message).toContain('constraint refusals_amount_positive');
    expect(check?.message).not.toContain('李四');
  });
});

describe('database errors / cured by a retry', () => {
  it('leaves a unique clash to the retry (ON CONFLICT makes the next attempt a no-op)', async () => {
    const clash = await errorOf('INSERT INTO refusals VALUES (1, $1, 1)', ['a']);
    expect((clash as { code?: string }).code).toBe('23505');
    expect(permanentRefusal(clash)).toBeUndefined();
  });

  it('leaves serialization failures, deadlocks, lost connections and a server shutting down to the retry', async () => {
    for (const sqlState of ['40001', '40P01', '08006', '57P01', '53300']) {
      const raised = await errorOf(`DO $$ BEGIN RAISE EXCEPTION 'test' USING ERRCODE = '${sqlState}'; END $$`);
      expect((raised as { code?: string }).code).toBe(sqlState);
      expect(permanentRefusal(raised)).toBeUndefined();
    }
  });

  it('leaves errors that are not from the database to the retry', () => {
    expect(permanentRefusal(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBeUndefined();
    expect(permanentRefusal('not an error')).toBeUndefined();
  });
});
