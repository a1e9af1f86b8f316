/**
 * The audit trail's hash chain: rows written the way the workflow's activities write them chain
 * per case, and an edited, re-hashed or deleted row is found at exactly that row. Runs in a
 * database of its own on the run's server, because tampering disables the append-only trigger and
 * the all-cases check must see only this file's rows.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import type { AuditRecord } from '../../db/records';
import { chainHash, verifyAuditChain } from '../../db/auditChain';
import { atomically, insertAudit } from '../../db/caseWrites';
import { dropDatabase, ensureDatabase } from '../../db/ensureDatabase';
import { defaultMigrationsDir, migrate } from '../../db/migrate';
import { createPool } from '../../db/pool';
import { testEnvironment } from '../support/environment';
import { testDatabaseUrl } from '../support/testDatabases';

// As a superuser: these tests tamper with the chain the way someone with the server's keys could.
const databaseUrl = testDatabaseUrl(testEnvironment().adminUrl, 'audit');
let pool: Pool;
let counter = 0;

/** The migrations up to and including `last`, copied to a folder of their own. */
async function migrationsUpTo(last: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-audit-migrations-'));
  for (const file of ['001_case_records.sql', '002_registry_sources.sql', '003_verification_runs.sql', last]) {
    await copyFile(path.join(defaultMigrationsDir, file), path.join(dir, file));
  }
  return dir;
}

beforeAll(async () => {
  await ensureDatabase(databaseUrl);
  pool = createPool(databaseUrl, { max: 3 });
  const dir = await migrationsUpTo('004_audit_hash_chain.sql');
  try {
    await migrate(pool, { dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await pool?.end();
  await dropDatabase(databaseUrl);
});

const newCaseId = () => `DB-379901-audit${String((counter += 1)).padStart(15, '0')}`;

function auditLine(caseId: string, seq: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    caseId,
    seq,
    actor: { userId: 'clerk-01', role: 'window', org: '379901061' },
    event: seq === 0 ? 'SUBMIT' : 'ACCEPT',
    fromState: seq === 0 ? null : 'intake',
    toState: 'investigation',
    comment: seq % 2 === 0 ? null : '材料齐全，𠀀字姓名亦可',
    payload: { seq, names: ['张三', '欧阳小明'], nested: { b: 2, a: [1.5, null, true] } },
    // Microseconds survive in PostgreSQL; the chain must cover them.
    occurredAt: `2026-11-2${seq % 10}T0${seq % 10}:00:00.123456+08:00`,
    ...overrides,
  };
}

/** Writes a case's lines as the activities do: one statement each, with the case row beside it. */
async function writeCase(lines: number): Promise<string> {
  const caseId = newCaseId();
  for (let seq = 0; seq < lines; seq += 1) {
    await pool.query(atomically([insertAudit(auditLine(caseId, seq))]));
  }
  return caseId;
}

/** Changes a row the way someone with superuser rights could: around the append-only trigger. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update');
    await client.query(sql, params);
    await client.query('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

describe('audit trail / hash chain', () => {
  it('verifies untampered chains of every case, read in batches smaller than one case', async () => {
    const ids = [await writeCase(5), await writeCase(1), await writeCase(7)];
    const report = await verifyAuditChain(pool, { batchSize: 2 });
    expect(report).toMatchObject({ rows: 13, cases: 3, firstBreak: null });
    expect(report.headsDigest).toMatch(/^[0-9a-f]{64}$/);
    for (const caseId of ids) {
      expect((await verifyAuditChain(pool, { caseId })).firstBreak).toBeNull();
    }
  });

  it('stores the hash Node computes from the row and its predecessor, whatever hash the writer sent', async () => {
    const caseId = await writeCase(2);
    await pool.query(
      `INSERT INTO case_events (case_id, seq, actor_user, actor_role, actor_org, event, from_state, to_state,
         comment, payload, occurred_at, chain_hash)
       VALUES ($1, 2, 'x', 'county', '379901', 'APPROVE', 'countyReview', 'inPayment', NULL, '{}', now(), '\\x00')`,
      [caseId]
    );
    const { rows } = await pool.query<{ seq: number; chain_hash: Buffer }>(
      'SELECT seq, chain_hash FROM case_events WHERE case_id = $1 ORDER BY seq',
      [caseId]
    );
    const first = chainHash(
      {
        caseId,
        seq: 0,
        actorUser: 'clerk-01',
        actorRole: 'window',
        actorOrg: '379901061',
        event: 'SUBMIT',
        fromState: null,
        toState: 'investigation',
        comment: null,
        payload: '{"seq": 0, "names": ["张三", "欧阳小明"], "nested": {"a": [1.5, null, true], "b": 2}}',
        occurredAt: '2026-11-19T16:00:00.123456Z',
      },
      null
    );
    expect(rows[0]?.chain_hash.toString('hex')).toBe(first.toString('hex'));
    expect(rows[2]?.chain_hash).toHaveLength(32);
    expect((await verifyAuditChain(pool, { caseId })).firstBreak).toBeNull();
  });

  it('chains lines in the order they are recorded, when a later seq lands before an earlier one', async () => {
    const caseId = await writeCase(1);
    await pool.query(insertAudit(auditLine(caseId, 2)));
    await pool.query(insertAudit(auditLine(caseId, 1)));
    // A retried write of a line already there stays a no-op and takes no place in the chain.
    await pool.query(insertAudit(auditLine(caseId, 2)));
    const { rows } = await pool.query('SELECT seq, chain_pos FROM case_events WHERE case_id = $1 ORDER BY chain_pos', [
      caseId,
    ]);
    expect(rows).toEqual([
      { seq: 0, chain_pos: 0 },
      { seq: 2, chain_pos: 1 },
      { seq: 1, chain_pos: 2 },
    ]);
    expect(await verifyAuditChain(pool, { caseId })).toMatchObject({ rows: 3, firstBreak: null });
  });

  it('keeps one chain when many lines of one case are written at once', async () => {
    const caseId = await writeCase(1);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => pool.query(atomically([insertAudit(auditLine(caseId, i + 1))])))
    );
    expect(await verifyAuditChain(pool, { caseId })).toMatchObject({ rows: 13, firstBreak: null });
  });

  it('chains rows loaded in bulk by one set-based INSERT, for many cases in one transaction', async () => {
    const prefix = `DB-379901-bulk${String((counter += 1)).padStart(6, '0')}`;
    await pool.query(
      `INSERT INTO case_events (case_id, seq, actor_user, actor_role, actor_org, event, from_state, to_state, payload,
         occurred_at)
       SELECT $1 || lpad(c::text, 6, '0'), s, 'loader', 'system', '00', 'E' || s, NULL, 'intake', jsonb_build_object('s', s),
              now() + s * interval '1 second'
         FROM generate_series(1, 200) c, generate_series(0, 4) s
        ORDER BY s, c`,
      [prefix]
    );
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id LIKE $1 || '%' AND chain_pos = seq`,
      [prefix]
    );
    expect(rows[0]?.n).toBe(1000);
    expect(await verifyAuditChain(pool)).toMatchObject({ firstBreak: null });
  });

  it('detects an edited payload at exactly that row', async () => {
    const caseId = await writeCase(5);
    await tamper(`UPDATE case_events SET payload = '{"monthlyAmount": 99999}' WHERE case_id = $1 AND seq = 2`, [
      caseId,
    ]);
    const { firstBreak } = await verifyAuditChain(pool, { caseId });
    expect(firstBreak).toMatchObject({ caseId, seq: 2, reason: 'altered' });
    expect(firstBreak?.expectedHash).not.toBe(firstBreak?.storedHash);
    // The whole-table check stops at the same row.
    expect((await verifyAuditChain(pool, { batchSize: 3 })).firstBreak).toMatchObject({ caseId, seq: 2 });
  });

  it('detects an edit whose author also recomputed that row’s hash, at the next row', async () => {
    const caseId = await writeCase(4);
    await tamper(
      `UPDATE case_events e SET comment = '改过', chain_hash = case_event_hash(e.case_id, e.seq, e.actor_user,
         e.actor_role, e.actor_org, e.event, e.from_state, e.to_state, '改过', e.payload, e.occurred_at,
         (SELECT p.chain_hash FROM case_events p WHERE p.case_id = e.case_id AND p.chain_pos = e.chain_pos - 1))
       WHERE e.case_id = $1 AND e.seq = 1`,
      [caseId]
    );
    expect((await verifyAuditChain(pool, { caseId })).firstBreak).toMatchObject({ caseId, seq: 2, reason: 'altered' });
  });

  it('detects a deleted row, and a case whose first rows are gone', async () => {
    const caseId = await writeCase(4);
    await tamper('DELETE FROM case_events WHERE case_id = $1 AND seq = 1', [caseId]);
    expect((await verifyAuditChain(pool, { caseId })).firstBreak).toMatchObject({
      caseId,
      seq: 2,
      reason: 'missing',
      missingPositions: { from: 1, to: 1 },
    });
    const headless = await writeCase(3);
    await tamper('DELETE FROM case_events WHERE case_id = $1 AND seq = 0', [headless]);
    expect((await verifyAuditChain(pool, { caseId: headless })).firstBreak).toMatchObject({
      seq: 1,
      reason: 'missing',
      missingPositions: { from: 0, to: 0 },
    });
  });

  it('npm run audit:verify names the broken row and exits non-zero; an intact case exits 0', async () => {
    const intact = await writeCase(3);
    const broken = await writeCase(3);
    await tamper(`UPDATE case_events SET actor_user = 'someone-else' WHERE case_id = $1 AND seq = 1`, [broken]);
    const run = (caseId: string) =>
      promisify(execFile)(
        process.execPath,
        [
          require.resolve('tsx/cli'),
          path.join(__dirname, '..', '..', 'scripts', 'audit-verify.ts'),
          '--chain-only',
          '--case',
          caseId,
        ],
        { env: { ...process.env, DATABASE_URL: databaseUrl } }
      );
    const ok = await run(intact);
    expect(ok.stdout).toContain('OK: 3 row(s) of 1 case(s) verify');
    await expect(run(broken)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`BROKEN at case ${broken}, seq 1 (chain position 1)`),
    });
  });
});

describe('audit trail / migration of existing rows', () => {
  const scratchUrl = testDatabaseUrl(testEnvironment().adminUrl, 'audit_backfill');
  let scratch: Pool;
  afterAll(async () => {
    await scratch?.end();
    await dropDatabase(scratchUrl);
  });

  it('chains rows written before the migration, case by case in seq order', async () => {
    await ensureDatabase(scratchUrl);
    scratch = createPool(scratchUrl, { max: 1 });
    const before = await migrationsUpTo('003_verification_runs.sql');
    const after = await migrationsUpTo('004_audit_hash_chain.sql');
    try {
      await migrate(scratch, { dir: before });
      // Inserted out of order on purpose: the backfill must follow seq, not insertion order.
      for (const [caseId, seq] of [
        ['B', 1],
        ['A', 0],
        ['B', 0],
        ['A', 1],
        ['A', 2],
      ] as const) {
        await scratch.query(insertAudit(auditLine(`DB-379901-backfill${caseId}`, seq)));
      }
      await migrate(scratch, { dir: after });
    } finally {
      await Promise.all([before, after].map((dir) => rm(dir, { recursive: true, force: true })));
    }
    expect(await verifyAuditChain(scratch)).toMatchObject({ rows: 5, cases: 2, firstBreak: null });
    await expect(scratch.query(insertAudit(auditLine('DB-379901-backfillA', 3)))).resolves.toBeDefined();
    expect((await verifyAuditChain(scratch)).firstBreak).toBeNull();
  });
});
