/**
 * Audit anchoring: the sealer signs every case's chain head, and the check against the newest seal
 * catches what the hash chain alone cannot — a row edited with every later hash recomputed, a
 * case's newest rows deleted — and a forged seal, while rows appended after a seal still verify.
 * The attacker here is a superuser on the database (switching the append-only trigger off), not the
 * app role, which cannot do any of it (test/db/appRole.test.ts). Each test has a database of its
 * own (copied from one set up like the run's), because a tampered case fails every later check.
 */
import { execFile } from 'node:child_process';
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import { Client, escapeIdentifier } from 'pg';
import { generateSealKey, loadSigningKey, loadTrustedKeys } from '../../config/auditSealKeys';
import { defaultRoleNames, withDatabase, withUser } from '../../config/databaseUrls';
import { verifyAuditChain } from '../../db/auditChain';
import { checkNewestSeal } from '../../db/auditSealCheck';
import { sealAuditHeads } from '../../db/auditSealer';
import { keyIdOf } from '../../db/auditSealStatement';
import { insertAudit } from '../../db/caseWrites';
import { dropDatabase } from '../../db/ensureDatabase';
import { createPool } from '../../db/pool';
import { testEnvironment } from '../support/environment';
import type { RoleDatabase } from '../support/testDatabases';
import { createRoleDatabase, testDatabaseUrl } from '../support/testDatabases';

const env = testEnvironment();
let template: RoleDatabase;
let keyDir: string;
let privateKey: KeyObject;
let trusted: Map<string, KeyObject>;
let keyFiles: { privateFile: string; publicFile: string };

beforeAll(async () => {
  template = await createRoleDatabase(env.adminUrl, 'seal_template');
  keyDir = await mkdtemp(path.join(os.tmpdir(), 'yilian-seal-keys-'));
  keyFiles = { privateFile: path.join(keyDir, 'seal', 'private.pem'), publicFile: path.join(keyDir, 'public.pem') };
  generateSealKey(keyFiles.privateFile, keyFiles.publicFile);
  privateKey = loadSigningKey(keyFiles.privateFile);
  trusted = loadTrustedKeys(keyFiles.publicFile);
});
afterAll(async () => {
  await template?.drop();
  await rm(keyDir, { recursive: true, force: true });
});

/** This test's database, as the app, the sealer and a superuser (the attacker) see it. */
interface Db {
  appUrl: string;
  app: Pool;
  sealer: Pool;
  attacker: Pool;
}
let db: Db;
let dropDb: () => Promise<void>;

beforeEach(async () => {
  const adminDatabaseUrl = testDatabaseUrl(env.adminUrl, `seal_${randomUUID().slice(0, 8)}`);
  const name = new URL(adminDatabaseUrl).pathname.slice(1);
  const templateName = new URL(template.adminDatabaseUrl).pathname.slice(1);
  const admin = new Client({ connectionString: withDatabase(env.adminUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${escapeIdentifier(name)} TEMPLATE ${escapeIdentifier(templateName)} OWNER ${defaultRoleNames.owner}`
    );
  } finally {
    await admin.end();
  }
  const appUrl = withUser(adminDatabaseUrl, defaultRoleNames.app);
  // createPool's error listener: a pool's last connections may still be closing when afterEach
  // drops the database (WITH FORCE), and their termination must not count as an unhandled error.
  const quiet = { log: () => undefined };
  db = {
    appUrl,
    app: createPool(appUrl, { max: 3, ...quiet }),
    sealer: createPool(withUser(adminDatabaseUrl, defaultRoleNames.sealer), { max: 1, ...quiet }),
    attacker: createPool(adminDatabaseUrl, { max: 1, ...quiet }),
  };
  dropDb = () => dropDatabase(adminDatabaseUrl);
});
afterEach(async () => {
  await Promise.all([db.app.end(), db.sealer.end(), db.attacker.end()]);
  await dropDb();
});

let counter = 0;
const newCaseId = () => `DB-379901-seal${String((counter += 1)).padStart(16, '0')}`;

/** Appends `count` audit lines to a case as the workflow's activities do, as the app role. */
async function append(caseId: string, fromSeq: number, count: number): Promise<void> {
  for (let seq = fromSeq; seq < fromSeq + count; seq += 1) {
    await db.app.query(
      insertAudit({
        caseId,
        seq,
        actor: { userId: 'clerk-01', role: 'window', org: '379901061' },
        event: seq === 0 ? 'SUBMIT' : 'ACCEPT',
        fromState: seq === 0 ? null : 'intake',
        toState: 'investigation',
        comment: null,
        payload: { monthlyAmount: 500 + seq },
        occurredAt: new Date(Date.UTC(2026, 10, 1, 8, 0, seq)).toISOString(),
      })
    );
  }
}

async function writeCase(lines: number): Promise<string> {
  const caseId = newCaseId();
  await append(caseId, 0, lines);
  return caseId;
}

/** Runs `sql` as a superuser with the append-only triggers off, as someone with the server's keys could. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  const client = await db.attacker.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL session_replication_role = 'replica'");
    await client.query(sql, params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Recomputes every hash of the case's chain from `fromPos` on with the database's own function. */
const RECOMPUTE_CHAIN = `
  DO $$
  DECLARE r record; prev bytea;
  BEGIN
    FOR r IN SELECT * FROM case_events WHERE case_id = current_setting('tamper.case') ORDER BY chain_pos LOOP
      prev := case_event_hash(r.case_id, r.seq, r.actor_user, r.actor_role, r.actor_org, r.event, r.from_state,
                              r.to_state, r.comment, r.payload, r.occurred_at, prev);
      UPDATE case_events SET chain_hash = prev WHERE id = r.id;
    END LOOP;
  END $$`;

async function rewriteAndRecompute(caseId: string, seq: number): Promise<void> {
  const client = await db.attacker.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL session_replication_role = 'replica'");
    await client.query(`UPDATE case_events SET payload = '{"monthlyAmount": 99999}' WHERE case_id = $1 AND seq = $2`, [
      caseId,
      seq,
    ]);
    await client.query("SELECT set_config('tamper.case', $1, true)", [caseId]);
    await client.query(RECOMPUTE_CHAIN);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

const seal = () => sealAuditHeads(db.sealer, { privateKey });
const check = (keys = trusted) => checkNewestSeal(db.app, keys);

describe('audit anchoring / sealing', () => {
  it('seals every case head; rows appended after the seal verify from the sealed head', async () => {
    const [a, b, c] = [await writeCase(3), await writeCase(1), await writeCase(4)];
    const first = await seal();
    expect(first).toMatchObject({ caseCount: 3, changedCount: 3, refused: [], keyId: keyIdOf(privateKey) });
    expect(await check()).toMatchObject({ headsChecked: 3, problemCount: 0 });

    await append(a, 3, 2);
    const d = await writeCase(2);
    // Not sealed yet: the check compares the sealed heads, the chain check covers the new rows.
    expect(await check()).toMatchObject({ headsChecked: 3, problemCount: 0 });
    expect(await verifyAuditChain(db.app)).toMatchObject({ rows: 12, cases: 4, firstBreak: null });

    const second = await seal();
    expect(second).toMatchObject({ caseCount: 4, changedCount: 2, refused: [] });
    expect(Number(second.sealId)).toBeGreaterThan(Number(first.sealId));
    expect(await check()).toMatchObject({ headsChecked: 4, problemCount: 0 });
    // Only what changed is stored again.
    const { rows } = await db.app.query<{ case_id: string }>(
      'SELECT case_id FROM audit_seal_heads WHERE seal_id = $1 ORDER BY case_id',
      [second.sealId]
    );
    expect(rows.map((r) => r.case_id)).toEqual([a, d].sort());
    expect(rows.map((r) => r.case_id)).not.toEqual(expect.arrayContaining([b, c]));
  });

  it('a seal with no case yet, and one with nothing new, still verify', async () => {
    expect(await seal()).toMatchObject({ caseCount: 0, changedCount: 0 });
    expect(await check()).toMatchObject({ problemCount: 0 });
    await writeCase(2);
    await seal();
    expect(await seal()).toMatchObject({ caseCount: 1, changedCount: 0 });
    expect(await check()).toMatchObject({ headsChecked: 1, problemCount: 0 });
  });

  it('reports that nothing was sealed yet', async () => {
    await writeCase(1);
    expect((await check()).problems).toEqual([expect.objectContaining({ kind: 'noSeal' })]);
  });
});

describe('audit anchoring / tampering found', () => {
  it('a row edited and the chain recomputed after it: the chain verifies, the seal names the case', async () => {
    const intact = await writeCase(3);
    const edited = await writeCase(4);
    await seal();
    await rewriteAndRecompute(edited, 1);

    // What the hash chain alone would say.
    expect((await verifyAuditChain(db.app)).firstBreak).toBeNull();
    const report = await check();
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'rewritten',
        caseId: edited,
        message: expect.stringContaining(`case ${edited}: the row at chain position 3 (seq 3)`),
      }),
    ]);
    expect(report.problems.map((p) => p.caseId)).not.toContain(intact);

    // The sealer does not seal over it: the case keeps its old head, and the damage stays visible.
    await append(edited, 4, 1);
    const next = await seal();
    expect(next.refused).toEqual([expect.objectContaining({ caseId: edited, reason: 'rewritten' })]);
    expect((await check()).problems).toEqual([expect.objectContaining({ kind: 'rewritten', caseId: edited })]);
  });

  it('a case whose newest row was deleted, and one deleted whole', async () => {
    const truncated = await writeCase(4);
    const vanished = await writeCase(2);
    await seal();
    await tamper('DELETE FROM case_events WHERE case_id = $1 AND seq = 3', [truncated]);
    await tamper('DELETE FROM case_events WHERE case_id = $1', [vanished]);

    expect((await verifyAuditChain(db.app)).firstBreak).toBeNull();
    const report = await check();
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'truncated',
          caseId: truncated,
          message: expect.stringContaining('the chain now ends at position 2: its newest rows were deleted'),
        }),
        expect.objectContaining({ kind: 'vanished', caseId: vanished }),
      ])
    );
    expect(report.problemCount).toBe(2);
    // New rows written over the gap do not hide it either.
    await append(truncated, 4, 2);
    const next = await seal();
    expect(next.refused.map((r) => [r.caseId, r.reason]).sort()).toEqual(
      [
        [truncated, 'rewritten'],
        [vanished, 'vanished'],
      ].sort()
    );
  });

  it('a seal edited, a seal signed with a key nobody trusts, and a sealed head changed', async () => {
    const caseId = await writeCase(3);
    const { sealId } = await seal();

    await tamper('UPDATE audit_seals SET case_count = case_count + 1 WHERE id = $1', [sealId]);
    expect((await check()).problems).toEqual([expect.objectContaining({ kind: 'badSignature' })]);
    await tamper('UPDATE audit_seals SET case_count = case_count - 1 WHERE id = $1', [sealId]);
    expect((await check()).problemCount).toBe(0);

    // Sealed heads changed to match a rewritten chain: the signed digest no longer matches.
    await rewriteAndRecompute(caseId, 2);
    await tamper(
      `UPDATE audit_seal_heads h SET head_hash = e.chain_hash FROM case_events e
        WHERE h.case_id = $1 AND e.case_id = h.case_id AND e.chain_pos = h.chain_pos`,
      [caseId]
    );
    expect((await check()).problems).toEqual([expect.objectContaining({ kind: 'headsAltered' })]);

    // A whole new seal over the rewritten chain, signed by the attacker's own key.
    const forger = generateKeyPairSync('ed25519').privateKey;
    await sealAuditHeads(db.sealer, { privateKey: forger });
    expect((await check()).problems).toEqual([
      expect.objectContaining({ kind: 'untrustedKey', message: expect.stringContaining(keyIdOf(forger)) }),
    ]);
  });
});

describe('audit anchoring / keys', () => {
  it('refuses a signing key file others may read', async () => {
    const file = path.join(keyDir, 'loose.pem');
    await writeFile(file, await readFile(keyFiles.privateFile));
    await chmod(file, 0o644);
    expect(() => loadSigningKey(file)).toThrow(/may be read by others \(mode 644\): run chmod 600/);
  });

  it('verifies across a key rotation while both public keys are trusted', async () => {
    await writeCase(2);
    await seal();
    const newPrivate = path.join(keyDir, 'rotated', 'private.pem');
    const { keyId } = generateSealKey(newPrivate, keyFiles.publicFile);
    const rotated = loadSigningKey(newPrivate);
    await sealAuditHeads(db.sealer, { privateKey: rotated });
    const both = loadTrustedKeys(keyFiles.publicFile);
    expect([...both.keys()]).toEqual([keyIdOf(privateKey), keyId]);
    expect((await check(both)).problemCount).toBe(0);
    expect((await check(trusted)).problems).toEqual([expect.objectContaining({ kind: 'untrustedKey' })]);
    expect(() => generateSealKey(newPrivate, keyFiles.publicFile)).toThrow(/EEXIST/);
  });
});

describe('audit anchoring / the commands', () => {
  const script = (name: string) => path.join(__dirname, '..', '..', 'scripts', name);
  const run = (name: string, args: string[] = []) =>
    promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), script(name), ...args], {
      env: {
        ...process.env,
        DATABASE_URL: db.appUrl,
        DATABASE_SEALER_URL: withUser(db.appUrl, defaultRoleNames.sealer),
        DATABASE_OWNER_URL: withUser(db.appUrl, defaultRoleNames.owner),
        AUDIT_SEAL_KEY_FILE: keyFiles.privateFile,
        AUDIT_SEAL_PUBLIC_KEY_FILE: keyFiles.publicFile,
      },
    });

  it('npm run audit:seal seals; audit:verify passes, then names a truncated case and exits 1', async () => {
    // The rotation test appended a second trusted key to the public key file; this one signs.
    const caseId = await writeCase(3);
    const sealed = await run('audit-seal.ts');
    expect(sealed.stdout).toMatch(/Sealed 1 case head\(s\) as seal \d+ .*1 new or grown since the last seal/);
    const ok = await run('audit-verify.ts');
    expect(ok.stdout).toContain('OK: 3 row(s) of 1 case(s) verify');
    expect(ok.stdout).toContain('all 1 sealed case head(s) checked match the chain');
    // A seal older than the bound is a failure of its own: the sealer stopped, or newer seals went.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(run('audit-verify.ts', ['--max-seal-age', '0.0001'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('STALE SEAL: the newest seal is older than 0.0001 minute(s)'),
    });

    await tamper('DELETE FROM case_events WHERE case_id = $1 AND seq = 2', [caseId]);
    await expect(run('audit-verify.ts')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`TAMPERED case ${caseId}: sealed up to chain position 2 (seq 2)`),
    });
    await expect(run('audit-seal.ts')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`NOT SEALED case ${caseId}`),
    });
  });
});
