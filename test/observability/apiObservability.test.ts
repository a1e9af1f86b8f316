/**
 * What operators see of the API, on the real stack: one JSON log line per request with its id,
 * route pattern, status, duration and the caller's id and role — and nothing of the household; the
 * metrics listener's request counts and latency histograms per route pattern, and the business
 * gauges of a county of this test's own (379177), checked against what the API itself lists;
 * /readyz when a worker polls and when none does.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetricsApp } from '../../api/http/metricsApp';
import type { RequestMetrics } from '../../api/http/requestMetrics';
import { createRequestMetrics } from '../../api/http/requestMetrics';
import { periodOf } from '../../definitions/payments';
import type { CaseOrgs } from '../../definitions/shared/actors';
import { registerBusinessGauges } from '../../observability/businessGauges';
import { createLogger, silentLogger } from '../../observability/logger';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { uniqueTaskQueue } from '../support/environment';
import { actors, anApplication, residentIds, testConfigEntries } from '../support/factories';
import { countyOrgs, cycleAt, financeOf, paymentCounty, seedEntitlements } from '../support/payments';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

const county = paymentCounty('77');
const orgs: CaseOrgs = countyOrgs(county);
const window = actors.window(orgs);
const supervisor = actors.supervisor(orgs);
const finance = financeOf(county, 'obs-finance-01');
/** The test county's rules in this county, with step clocks of a second, so a case can run overdue. */
const rules = testConfigEntries(2, 1).map((entry) => ({ ...entry, scope: county }));

let stack: Stack;
let api: TestApi;
let metrics: RequestMetrics;
let metricsServer: Server;
let metricsUrl: string;
const lines: Record<string, unknown>[] = [];
const rawLines: string[] = [];

beforeAll(async () => {
  stack = await openStack('observability');
  await stack.startWorker();
  metrics = createRequestMetrics();
  registerBusinessGauges(metrics.registry, { pool: stack.pool, logger: silentLogger() });
  const logger = createLogger({
    level: 'info',
    format: 'json',
    destination: {
      write: (line: string) => {
        rawLines.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  api = await startApi(stack, { logger, metrics, configEntries: rules });
  metricsServer = await new Promise<Server>((resolve) => {
    const s = createMetricsApp({ registry: metrics.registry }).listen(0, '127.0.0.1', () => resolve(s));
  });
  metricsUrl = `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics`;
});
afterAll(async () => {
  await new Promise((resolve) => metricsServer?.close(resolve));
  await api?.close();
  await stack?.close();
});

const requestLines = (route: string) => lines.filter((l) => l.msg === 'request' && l.route === route);

async function scrape(): Promise<string> {
  const res = await fetch(metricsUrl);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** The value of one series in a scrape, or undefined when the scrape has no such series. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('request log', () => {
  it('writes one line per request with its id, route pattern, status, duration and caller — and no personal data', async () => {
    const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
    expect(started.status).toBe(201);
    const caseId = started.body.id as string;
    const read = await api.call('GET', `/api/applications/${caseId}`, window);
    expect(read.status).toBe(200);

    const [submitted] = requestLines('/api/applications');
    expect(submitted).toMatchObject({
      level: 'info',
      requestId: started.headers.get('x-request-id'),
      method: 'POST',
      status: 201,
      callerId: window.userId,
      callerRole: 'window',
    });
    expect(typeof submitted?.durationMs).toBe('number');
    expect(typeof submitted?.time).toBe('string');
    expect(requestLines('/api/applications/:id')).toEqual([
      expect.objectContaining({ requestId: read.headers.get('x-request-id'), status: 200 }),
    ]);
    const everything = rawLines.join('');
    for (const personal of ['张三', '李四', residentIds.applicant, residentIds.spouse, '13800000000', '泰山区']) {
      expect(everything).not.toContain(personal);
    }
    // Patterns, not paths: not even the case id (it names the county and township) is in the line.
    expect(everything).not.toContain(caseId);
  });

  it('names a refused request by its route pattern too, and keeps a proxy’s request id', async () => {
    // Refused by validation: the error leaves the router before the answer goes out.
    const refused = await api.call('GET', '/api/applications/not-a-case-id', window, undefined, {
      'x-request-id': 'proxy-4711',
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-request-id')).toBe('proxy-4711');
    expect(lines).toContainEqual(
      expect.objectContaining({ requestId: 'proxy-4711', route: '/api/applications/:id', status: 400 })
    );
    const unknown = await api.call('GET', '/api/no-such-thing/12345', window);
    expect(unknown.status).toBe(404);
    expect(lines).toContainEqual(
      expect.objectContaining({ requestId: unknown.headers.get('x-request-id'), route: 'unmatched', status: 404 })
    );
  });
});

describe('metrics', () => {
  it('counts requests and their latency per route pattern, method and status', async () => {
    const before =
      sample(await scrape(), 'yilian_http_requests_total', { method: 'GET', route: '/healthz', status: '200' }) ?? 0;
    for (let i = 0; i < 3; i += 1) expect((await api.call('GET', '/healthz', null)).status).toBe(200);
    const text = await scrape();

    expect(sample(text, 'yilian_http_requests_total', { method: 'GET', route: '/healthz', status: '200' })).toBe(
      before + 3
    );
    const count = sample(text, 'yilian_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/healthz',
      status_class: '2xx',
    });
    expect(count).toBe(before + 3);
    expect(
      sample(text, 'yilian_http_request_duration_seconds_bucket', {
        method: 'GET',
        route: '/healthz',
        status_class: '2xx',
        le: '+Inf',
      })
    ).toBe(count);
    expect(sample(text, 'yilian_http_requests_total', { route: '/api/applications', status: '201' })).toBeGreaterThan(
      0
    );
    // The process's own figures come along.
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('shows a county’s open, overdue and stalled cases and its payment cycle, as the API lists them', async () => {
    for (let i = 0; i < 2; i += 1) {
      expect((await api.call('POST', '/api/applications', window, anApplication({ orgs }))).status).toBe(201);
    }
    // Accepted, a case's step clock starts; it lasts a second here: wait until it has run out.
    const [first] = (await api.call('GET', `/api/cases?org=${county}&limit=1`, supervisor)).body.items as {
      id: string;
    }[];
    expect((await api.call('POST', `/api/applications/${first!.id}/events`, window, { type: 'ACCEPT' })).status).toBe(
      200
    );
    const cases = await eventually(
      async () => {
        const res = await api.call('GET', `/api/cases?org=${county}&status=active&limit=200`, supervisor);
        const items = res.body.items as { id: string; program: string; step: string; overdue: boolean }[];
        return items.some((c) => c.overdue) ? items : undefined;
      },
      20_000,
      'an overdue case in the county'
    );
    // One case whose read model stopped moving while nobody waits on it: what the engine should have moved.
    const stalledCase = cases.find((c) => !c.overdue) ?? cases[0]!;
    await stack.pool.query(
      `UPDATE cases SET owner_role = NULL, pending_roles = '{}', due_at = NULL, updated_at = now() - interval '2 hours'
        WHERE id = $1`,
      [stalledCase.id]
    );
    await seedEntitlements(stack.pool, county, 2, { startPeriod: '2024-01' });
    const period = periodOf(new Date());
    const cycle = await api.call('POST', '/api/payment-cycles', finance, { county, period });
    expect(cycle.status).toBe(201);
    const built = await cycleAt(api, cycle.body.id as string, 'batchBuilt', finance);

    const listed = (await api.call('GET', `/api/cases?org=${county}&status=active&limit=200`, supervisor)).body
      .items as { program: string; step: string; overdue: boolean }[];
    const text = await scrape();

    const perStep = new Map<string, number>();
    for (const c of listed) perStep.set(c.step, (perStep.get(c.step) ?? 0) + 1);
    for (const [step, count] of perStep) {
      expect(sample(text, 'yilian_cases_open', { county, program: 'dibao', step })).toBe(count);
    }
    expect(sample(text, 'yilian_cases_overdue', { county, program: 'dibao' })).toBe(
      listed.filter((c) => c.overdue).length
    );
    expect(sample(text, 'yilian_cases_stalled', { county, program: 'dibao' })).toBe(1);
    expect(sample(text, 'yilian_payment_cycle_state', { county, period, state: built.step })).toBe(1);
    expect(text).toMatch(/^yilian_business_figures_up 1$/m);
  });
});

describe('readiness', () => {
  it('answers /readyz 200 when PostgreSQL, Temporal and a worker answer, within a second', async () => {
    const started = Date.now();
    const res = await api.call('GET', '/readyz', null);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(res).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'ok', temporal: 'ok', workers: 'ok' },
    });
  });

  it('answers /readyz 503 when no worker polls the task queue', async () => {
    const lonely = await startApi(stack, { taskQueue: uniqueTaskQueue('no-worker') });
    try {
      const res = await lonely.call('GET', '/readyz', null);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', database: 'ok', temporal: 'ok' });
      expect(res.body.workers).toMatch(/^no worker polling .+ for workflow or activity tasks$/);
    } finally {
      await lonely.close();
    }
  });
});
