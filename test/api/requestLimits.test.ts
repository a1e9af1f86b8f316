/**
 * What one caller may ask of the API: a budget of requests per minute (reads and writes apart, 429
 * with Retry-After past it), and CSV exports cut at a row cap that say how to fetch the rest. Over
 * the real stack; the budgets run on a clock of the test's own, and the lists are rows of this
 * file's own county written straight into the read model.
 */
import http from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppDependencies } from '../../api/http/app';
import { createApp } from '../../api/http/app';
import { loadEnv } from '../../config/env';
import type { Person } from '../support/factories';
import { authHeadersFor } from '../support/credentials';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';
import { silentLogger } from '../../observability/logger';

const COUNTY = '379983';
const TOWNSHIP = `${COUNTY}101`;
const VILLAGE = `${TOWNSHIP}001`;
const countyUser = (userId: string): Person => ({ userId, role: 'county', org: COUNTY });
const RECIPIENTS = 7;
const CSV_CAP = 3;

let stack: Stack;
const servers: Server[] = [];

async function serve(options: Partial<AppDependencies>): Promise<string> {
  const app = createApp({
    pool: stack.pool,
    client: stack.client,
    taskQueue: stack.taskQueue,
    log: () => undefined,
    logger: silentLogger(),
    ...options,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Households in payment under COUNTY, household sizes 1…RECIPIENTS so each row can be told apart. */
async function writeRecipients(): Promise<void> {
  for (let i = 1; i <= RECIPIENTS; i += 1) {
    const id = `DB-${COUNTY}-limits${String(i).padStart(12, '0')}`;
    const submittedAt = new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString();
    await stack.pool.query(
      `INSERT INTO applications (case_id, program, county_code, township_code, village_code, applicant_name,
                                 applicant_id, household_size, form, submitted_by, submitted_at)
       VALUES ($1, 'dibao', $2, $3, $4, '王小明', 'x', $5, '{}', 'clerk', $6)`,
      [id, COUNTY, TOWNSHIP, VILLAGE, i, submittedAt]
    );
    await stack.pool.query(
      `INSERT INTO cases (id, program, definition_version, status, step, step_label_zh, state_value, county_code,
                          township_code, village_code, version, submitted_at, updated_at, monthly_amount, decided_at)
       VALUES ($1, 'dibao', 'dibao@test', 'active', 'inPayment', '发放中', '"inPayment"', $2, $3, $4, 0, $5, $5,
               500, $5)`,
      [id, COUNTY, TOWNSHIP, VILLAGE, submittedAt]
    );
  }
}

beforeAll(async () => {
  stack = await openStack('limits');
  await writeRecipients();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await stack?.close();
});

describe('per-caller rate limits', () => {
  let clock = Date.parse('2026-12-01T00:00:00Z');
  let base: string;
  beforeAll(async () => {
    base = await serve({ rateLimits: { readsPerMinute: 3, writesPerMinute: 2, now: () => clock } });
  });
  const get = async (actor: Person | null) =>
    fetch(`${base}/api/cases`, { headers: actor ? await authHeadersFor(stack.pool, actor) : {} });
  const post = async (actor: Person) =>
    fetch(`${base}/api/applications`, { method: 'POST', headers: await authHeadersFor(stack.pool, actor), body: '{}' });

  it('answers a burst past the read budget with 429, Retry-After and a Chinese message, until it refills', async () => {
    const caller = countyUser('limits-reader');
    for (let i = 0; i < 3; i += 1) expect((await get(caller)).status).toBe(200);

    const refused = await get(caller);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('20');
    expect(await refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: '查询过于频繁，请 20 秒后再试' },
    });
    // The same person spelled in capitals is the same caller; someone else has a budget of their own.
    expect((await get(countyUser('LIMITS-READER'))).status).toBe(429);
    expect((await get(countyUser('limits-other'))).status).toBe(200);

    clock += 20_000;
    expect((await get(caller)).status).toBe(200);
    expect((await get(caller)).status).toBe(429);
  });

  it('gives writes a smaller budget of their own, counting refused submissions too', async () => {
    const caller: Person = { userId: 'limits-writer', role: 'window', org: TOWNSHIP };
    expect((await post(caller)).status).toBe(400);
    expect((await post(caller)).status).toBe(400);

    const refused = await post(caller);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      '提交过于频繁，请 30 秒后再试'
    );
    expect((await get(caller)).status).toBe(200);
  });

  it('holds requests that fail authentication to a budget by their address', async () => {
    for (let i = 0; i < 3; i += 1) expect((await get(null)).status).toBe(401);
    const refused = await get(null);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /未通过身份验证的请求过于频繁/
    );
  });
});

interface CsvAnswer {
  headers: http.IncomingHttpHeaders;
  trailers: NodeJS.Dict<string>;
  lines: string[];
}

/** node:http rather than fetch, which does not expose trailers. */
async function getCsv(url: string, actor: Person): Promise<CsvAnswer> {
  const headers = await authHeadersFor(stack.pool, actor);
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ headers: res.headers, trailers: res.trailers, lines: text.slice(1).trimEnd().split('\r\n') })
        );
      })
      .on('error', reject);
  });
}

describe('CSV exports', () => {
  it('streams at most the row cap, ends a cut-off file with the cursor of the rest, and follows it to the end', async () => {
    const base = await serve({ csvExportMaxRows: CSV_CAP });
    const supervisor: Person = { userId: 'limits-supervisor', role: 'supervisor', org: COUNTY };
    const sizes: string[] = [];
    let url = `${base}/api/publication/recipients?org=${COUNTY}&format=csv`;
    const files: CsvAnswer[] = [];
    for (;;) {
      const file = await getCsv(url, supervisor);
      files.push(file);
      const rows = file.lines.slice(1).filter((line) => !line.startsWith('#'));
      sizes.push(...rows.map((row) => row.split(',')[2] ?? ''));
      const next = file.trailers['x-yilian-next-cursor'];
      if (next === undefined) break;
      url = `${base}/api/publication/recipients?org=${COUNTY}&format=csv&cursor=${next}`;
    }

    expect(files.map((f) => [f.lines.length, f.trailers['x-yilian-truncated']])).toEqual([
      [1 + CSV_CAP + 1, 'true'],
      [1 + CSV_CAP + 1, 'true'],
      [1 + 1, 'false'],
    ]);
    const [first] = files;
    expect(first?.headers['transfer-encoding']).toBe('chunked');
    expect(first?.headers['content-length']).toBeUndefined();
    expect(first?.lines[CSV_CAP + 1]).toBe(
      `# 已达单次导出上限 ${CSV_CAP} 行，名单未完：请加参数 cursor=${first?.trailers['x-yilian-next-cursor']} 再次导出其余部分`
    );
    // Newest first, each household once.
    expect(sizes).toEqual(['7', '6', '5', '4', '3', '2', '1']);
  });
});

describe('limits as configuration', () => {
  it('defaults to budgets for normal use and a 20,000-row export, and refuses a value that is not a count', () => {
    expect(loadEnv({})).toMatchObject({
      RATE_LIMIT_READS_PER_MINUTE: 600,
      RATE_LIMIT_WRITES_PER_MINUTE: 120,
      CSV_EXPORT_MAX_ROWS: 20_000,
    });
    expect(loadEnv({ RATE_LIMIT_WRITES_PER_MINUTE: '0' }).RATE_LIMIT_WRITES_PER_MINUTE).toBe(0);
    expect(() => loadEnv({ RATE_LIMIT_READS_PER_MINUTE: 'many' })).toThrow(/RATE_LIMIT_READS_PER_MINUTE="many"/);
    expect(() => loadEnv({ CSV_EXPORT_MAX_ROWS: '0' })).toThrow(/CSV_EXPORT_MAX_ROWS="0"/);
  });
});
