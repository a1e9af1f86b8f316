/**
 * Supervisor views over the real stack: the step clocks of this file's test county run in seconds,
 * so a case is first due soon, then overdue, within the test; statistics read the audit trail.
 */
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

const STEP_SECONDS = 6;

let stack: Stack;
let api: TestApi;

// This file's own township, so counts see only its cases.
const orgs = townshipOrgs('071');
const window = actors.window(orgs);
const township = actors.township(orgs);
const county = actors.county(orgs);
const supervisor = actors.supervisor(orgs);
const citySupervisor: Person = { userId: 'sup-city', role: 'supervisor', org: orgs.county.slice(0, 4) };

beforeAll(async () => {
  stack = await openStack('supervision', { stepSeconds: STEP_SECONDS });
  await stack.startWorker();
  api = await startApi(stack, { stepSeconds: STEP_SECONDS });
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

async function acceptedCase(): Promise<string> {
  const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);
  return id;
}

const inTownship = `township=${orgs.township}`;
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('supervision / overdue and due soon', () => {
  let id: string;

  beforeAll(async () => {
    id = await acceptedCase();
  });

  it('lists an accepted case as due soon while its step clock runs, with counts per step', async () => {
    const res = await api.call('GET', `/api/supervision/due-soon?within=1h&${inTownship}&groupBy=step`, supervisor);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toContain(id);
    expect(res.body.within).toEqual({ amount: 1, unit: 'hours' });
    expect(res.body.groups).toEqual([expect.objectContaining({ key: 'investigation', count: res.body.total })]);
    const item = res.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ step: 'investigation', orgs, applicantName: '张三', ageDays: 0 });
    expect(item.hoursPastDue).toBeLessThanOrEqual(0);
  });

  it('moves the case to the overdue list once its step clock has passed, most overdue first', async () => {
    await checkRunsFinished(stack.commands, id);
    const res = await eventually(
      async () => {
        const r = await api.call('GET', `/api/supervision/overdue?${inTownship}`, supervisor);
        return ids(r.body).includes(id) ? r : undefined;
      },
      (STEP_SECONDS + 10) * 1000,
      'the case to be overdue'
    );
    // Just past due rounds to 0.0 hours; the due date itself is before the answer's time.
    expect(res.body.items[0].hoursPastDue).toBeGreaterThanOrEqual(0);
    expect(Date.parse(res.body.items[0].dueAt)).toBeLessThanOrEqual(Date.parse(res.body.asOf));
    const dueTimes = res.body.items.map((i: { dueAt: string }) => i.dueAt);
    expect([...dueTimes].sort()).toEqual(dueTimes);
    const soon = await api.call('GET', `/api/supervision/due-soon?within=3wd&${inTownship}`, supervisor);
    expect(ids(soon.body)).not.toContain(id);
  });

  it('groups overdue cases by township and by age, and filters by step and age', async () => {
    const byTownship = await api.call('GET', `/api/supervision/overdue?org=${orgs.county}&groupBy=township`, county);
    expect(byTownship.status).toBe(200);
    expect(byTownship.body.groups).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: orgs.township, count: expect.any(Number) })])
    );
    const byAge = await api.call('GET', `/api/supervision/overdue?${inTownship}&groupBy=age`, citySupervisor);
    expect(byAge.body.groups).toEqual([expect.objectContaining({ key: '0-7' })]);
    const otherStep = await api.call('GET', `/api/supervision/overdue?${inTownship}&step=countyReview`, supervisor);
    expect(otherStep.body).toMatchObject({ total: 0, items: [], nextCursor: null });
    const older = await api.call('GET', `/api/supervision/overdue?${inTownship}&minAgeDays=2`, supervisor);
    expect(older.body.total).toBe(0);
  });

  it('pages with a cursor without repeating or skipping a case', async () => {
    await acceptedCase();
    await acceptedCase();
    const all = await eventually(
      async () => {
        const r = await api.call('GET', `/api/supervision/overdue?${inTownship}&limit=200`, supervisor);
        return r.body.total >= 3 ? r : undefined;
      },
      (STEP_SECONDS + 10) * 1000,
      'three overdue cases'
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.call(
        'GET',
        `/api/supervision/overdue?${inTownship}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        supervisor
      );
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor !== null && seen.length < 50);
    expect(seen).toEqual(ids(all.body));
  });
});

describe('supervision / who may look and what is asked', () => {
  it('refuses window, village and township staff with 403', async () => {
    for (const actor of [window, township, actors.village(orgs)]) {
      const res = await api.call('GET', '/api/supervision/overdue', actor);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ROLE_NOT_PERMITTED');
    }
  });

  it('refuses an org outside the caller’s own with 403', async () => {
    expect((await api.call('GET', '/api/supervision/overdue?org=370911', supervisor)).status).toBe(403);
    expect((await api.call('GET', '/api/supervision/stats?org=3799', county)).status).toBe(403);
  });

  it('answers 400 with field paths for bad query parameters', async () => {
    const bad = await api.call('GET', '/api/supervision/due-soon?within=3days&groupBy=village&limit=0', supervisor);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'query.groupBy',
      'query.limit',
      'query.within',
    ]);
    const ages = await api.call('GET', '/api/supervision/overdue?minAgeDays=9&maxAgeDays=3', supervisor);
    expect(ages.body.error.issues).toEqual([expect.objectContaining({ path: 'query.maxAgeDays' })]);
    const cursor = await api.call('GET', '/api/supervision/overdue?cursor=nonsense', supervisor);
    expect(cursor.body.error.issues).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
    const period = await api.call('GET', '/api/supervision/stats?from=2026-02-30&to=2025-01-01', supervisor);
    expect(period.status).toBe(400);
    expect(period.body.error.issues.map((i: { path: string }) => i.path)).toContain('query.from');
  });
});

describe('supervision / description', () => {
  it('lists the supervisor views in the OpenAPI document with their query parameters', async () => {
    const res = await api.call('GET', '/api/openapi.json', null);
    const names = (path: string) =>
      res.body.paths[path].get.parameters.map((p: { name: string }) => p.name) as string[];
    expect(names('/api/supervision/overdue')).toEqual(expect.arrayContaining(['groupBy', 'minAgeDays', 'cursor']));
    expect(names('/api/supervision/due-soon')).toContain('within');
    expect(names('/api/supervision/stats')).toEqual(expect.arrayContaining(['org', 'from', 'to']));
  });
});

describe('supervision / stats', () => {
  it('counts cases per step, times each step from the audit trail, and shares decided within the limit', async () => {
    const id = await acceptedCase();
    await checkRunsFinished(stack.commands, id);
    expect((await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
    expect((await send(id, township, { type: 'PROPOSE_APPROVAL', opinion: '符合条件' })).status).toBe(200);
    await eventually(
      async () => {
        const res = await send(id, county, { type: 'APPROVE', monthlyAmount: 600 });
        return res.status === 200 ? res : undefined;
      },
      15_000,
      'the notice to end and the approval to go through'
    );
    // The overall clock stopped at the decision; the limit it had is kept for the statistics.
    const { rows } = await stack.pool.query(
      'SELECT overall_due_at, overall_limit_at, decided_within_limit FROM cases WHERE id = $1',
      [id]
    );
    expect(rows[0]).toMatchObject({ overall_due_at: null, decided_within_limit: true });
    expect(rows[0].overall_limit_at).toBeInstanceOf(Date);

    const res = await api.call('GET', `/api/supervision/stats?org=${orgs.township}`, supervisor);
    expect(res.status).toBe(200);
    expect(res.body.byState).toEqual(
      expect.arrayContaining([
        {
          program: 'dibao',
          programLabelZh: '最低生活保障',
          status: 'active',
          step: 'inPayment',
          stepLabelZh: '保障中（按月发放）',
          count: 1,
        },
      ])
    );
    const step = (name: string) => res.body.steps.find((s: { step: string }) => s.step === name);
    expect(step('intake')).toMatchObject({ program: 'dibao', stepLabelZh: '受理', limits: [] });
    expect(step('intake').completed).toBeGreaterThanOrEqual(1);
    expect(step('publicNotice').avgHours).toBeGreaterThanOrEqual(0);
    expect(
      step('investigation')
        .limits.map((l: { key: string }) => l.key)
        .sort()
    ).toEqual(['dataCheck', 'investigationStart']);
    expect(step('investigation').limits[0]).toMatchObject({ amount: STEP_SECONDS, unit: 'seconds' });
    expect(res.body.overall).toEqual({ decided: 1, decidedWithinLimit: 1, withinLimitShare: 1 });
    expect(res.body.byTownship).toEqual([
      expect.objectContaining({ org: orgs.township, decided: 1, decidedWithinLimit: 1, withinLimitShare: 1 }),
    ]);
    expect(res.body.byCounty).toEqual([expect.objectContaining({ org: orgs.county })]);
  });
});
