/**
 * The HTTP API over the real stack: what window staff, approvers and supervisors see, including
 * every kind of refusal and that a refusal leaves nothing behind.
 */
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

// This file's own township, so counts and lists see only its cases.
const orgs = townshipOrgs('101');
const window = actors.window(orgs);
const township = actors.township(orgs);
const county = actors.county(orgs);
const supervisor = actors.supervisor(orgs);
const application = () => anApplication({ orgs });

beforeAll(async () => {
  stack = await openStack('api');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

async function countRows(table: string, column: string, value: string): Promise<number> {
  const { rows } = await stack.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [value]);
  return rows[0].n;
}

async function start(): Promise<string> {
  const res = await api.call('POST', '/api/applications', window, application());
  expect(res.status).toBe(201);
  return res.body.id;
}

const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

describe('POST /api/applications', () => {
  it('starts a case and answers with its state, allowed events and location', async () => {
    const res = await api.call('POST', '/api/applications', window, application());
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/applications/${res.body.id}`);
    expect(res.body).toMatchObject({
      program: 'dibao',
      status: 'active',
      step: 'intake',
      stepLabelZh: '受理：材料审查',
      orgs,
    });
    expect(res.body.id).toMatch(/^DB-379901-[0-9a-f]{20}$/);
    expect(res.body.allowedEvents.map((e: { type: string }) => e.type)).toContain('ACCEPT');
    expect(await countRows('cases', 'id', res.body.id)).toBe(1);
    expect(await countRows('applications', 'case_id', res.body.id)).toBe(1);
  });

  it('with the same Idempotency-Key, a retry returns the same case and creates nothing', async () => {
    const headers = { 'idempotency-key': `retry-${Date.now()}` };
    const first = await api.call('POST', '/api/applications', window, application(), headers);
    const again = await api.call('POST', '/api/applications', window, application(), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await countRows('applications', 'case_id', first.body.id)).toBe(1);
    expect(await countRows('case_events', 'case_id', first.body.id)).toBe(1);
  });

  it('refuses an Idempotency-Key reused for a different application with 409', async () => {
    const headers = { 'idempotency-key': `reuse-${Date.now()}` };
    await api.call('POST', '/api/applications', window, application(), headers);
    const other = await api.call(
      'POST',
      '/api/applications',
      window,
      { ...application(), declared: { monthlyIncome: 999 } },
      headers
    );
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('Idempotency-Key');
  });

  it('gives concurrent requests with one Idempotency-Key one case: one 201, the others 200', async () => {
    const headers = { 'idempotency-key': `race-${Date.now()}` };
    const answers = await Promise.all(
      [1, 2, 3].map(() => api.call('POST', '/api/applications', window, application(), headers))
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await countRows('case_events', 'case_id', answers[0]!.body.id)).toBe(1);
  });

  it('after the key’s case has ended, gives the same form its case back and refuses another form', async () => {
    const headers = { 'idempotency-key': `ended-${Date.now()}` };
    const first = await api.call('POST', '/api/applications', window, application(), headers);
    const withdrawn = await api.call('POST', `/api/applications/${first.body.id}/events`, window, {
      type: 'WITHDRAW',
      reason: '申请人书面撤回申请',
    });
    expect([withdrawn.status, withdrawn.body.status]).toEqual([200, 'done']);
    const again = await api.call('POST', '/api/applications', window, application(), headers);
    expect([again.status, again.body.id, again.body.status]).toEqual([200, first.body.id, 'done']);
    const other = await api.call(
      'POST',
      '/api/applications',
      window,
      { ...application(), declared: { monthlyIncome: 999 } },
      headers
    );
    expect(other.status).toBe(409);
  });

  it('answers 400 with the field paths of every mistake, and records nothing', async () => {
    const before = await countRows('applications', 'township_code', orgs.township);
    const bad = {
      ...application(),
      applicant: { name: '', idNumber: '370902197001010000' },
      pledgeSigned: false,
      materials: ['passport'],
    };
    const res = await api.call('POST', '/api/applications', window, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.applicant.name',
        'body.applicant.idNumber',
        'body.pledgeSigned',
        'body.materials.0',
      ])
    );
    const pledge = res.body.error.issues.find((i: { path: string }) => i.path === 'body.pledgeSigned');
    expect(pledge.message).toBe('申请人须签署守信承诺书后方可申请');
    expect(await countRows('applications', 'township_code', orgs.township)).toBe(before);
  });

  it('checks that township and village belong to the county', async () => {
    const res = await api.call('POST', '/api/applications', window, {
      ...application(),
      orgs: { ...orgs, village: '379901999001' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'body.orgs.village', message: '村（居）不属于所填乡镇（街道）' }]);
  });

  it('only window staff of the household’s township may start an application', async () => {
    expect((await api.call('POST', '/api/applications', county, application())).status).toBe(403);
    const otherWindow = actors.window(townshipOrgs('102'));
    const res = await api.call('POST', '/api/applications', otherWindow, application());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('只能受理本乡镇');
  });

  it('answers 401 without credentials, 401 to forged identity headers, and 400 for malformed JSON', async () => {
    expect((await api.call('POST', '/api/applications', null, application())).status).toBe(401);
    // What anyone could type: the headers the API once trusted name a county approver; nobody is signed in.
    const forged = await api.raw('POST', '/api/applications', {
      headers: {
        'content-type': 'application/json',
        'x-user-id': 'county-01',
        'x-user-role': 'county',
        'x-user-org': orgs.county,
      },
      body: JSON.stringify(application()),
    });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toBe('Bearer realm="yilian"');
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const malformed = await api.raw('POST', '/api/applications', {
      headers: { ...(await api.headersFor(window)), 'content-type': 'application/json' },
      body: '{"program": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_JSON');
  });
});

describe('GET /api/applications/:id', () => {
  it('shows state, allowed events with roles, running deadlines and the timeline', async () => {
    const id = await start();
    await send(id, window, { type: 'ACCEPT', comment: '材料齐全' });
    const checked = await checkRunsFinished(stack.commands, id);
    // The check's result is recorded after the workflow applied it: ask for at least that version.
    const version = checked.timeline[checked.timeline.length - 1]!.seq;
    const res = await api.call('GET', `/api/applications/${id}?minVersion=${version}`, county);
    expect(res.status).toBe(200);
    expect(res.body.step).toBe('investigation');
    // The check result is the engine's to report: nobody is offered DATA_CHECK_COMPLETED.
    expect(res.body.allowedEvents).toEqual([
      { type: 'WITHDRAW', labelZh: '申请人撤回申请', roles: ['window'] },
      { type: 'RECORD_HOME_VISIT', labelZh: '登记入户调查', roles: ['township'] },
      { type: 'EXTEND_TIME_LIMIT', labelZh: '延长办理时限', roles: ['supervisor'] },
    ]);
    expect(res.body.deadlines.map((d: { key: string }) => d.key).sort()).toEqual(['investigationStart', 'overall']);
    expect(res.body.deadlines[0].source).toContain('最低生活保障审核确认办法');
    // Both limits are in working days, so each says how firm the calendar behind its date is.
    for (const deadline of res.body.deadlines) {
      expect(deadline.calendar.status).toMatch(/^(official|provisional|weekendsOnly)$/);
      expect(deadline.calendar.noteZh === null).toBe(deadline.calendar.status === 'official');
    }
    expect(res.body.timeline.map((t: { event: string }) => t.event)).toEqual([
      'SUBMIT',
      'ACCEPT',
      'DATA_CHECK_COMPLETED',
    ]);
    expect(res.body.timeline[1]).toMatchObject({
      comment: '材料齐全',
      actor: window,
      from: 'intake',
      to: 'investigation',
    });
  });

  it('answers 404 for an unknown case, 400 for a malformed id, 403 outside the caller’s org', async () => {
    expect((await api.call('GET', '/api/applications/DB-379901-0123456789abcdef0123', county)).status).toBe(404);
    expect((await api.call('GET', '/api/applications/not-an-id', county)).status).toBe(400);
    const id = await start();
    const outsider = actors.township(townshipOrgs('102'));
    expect((await api.call('GET', `/api/applications/${id}`, outsider)).status).toBe(403);
  });

  it('lists the written notices a case produced', async () => {
    const id = await start();
    await send(id, window, { type: 'DECLINE', reasons: ['非本辖区户籍'] });
    const res = await api.call('GET', `/api/applications/${id}/notices`, window);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ kind: 'notAccepted', titleZh: '最低生活保障申请不予受理通知书' }),
    ]);
    expect(res.body.items[0].bodyZh).toContain('非本辖区户籍');
  });
});

describe('POST /api/applications/:id/events', () => {
  it('applies an allowed decision and returns the new state', async () => {
    const id = await start();
    const res = await send(id, window, { type: 'ACCEPT' });
    expect(res.status).toBe(200);
    expect(res.body.step).toBe('investigation');
  });

  it('answers 409 with the allowed events for a decision the chart forbids, and records nothing', async () => {
    const id = await start();
    const res = await send(id, county, { type: 'APPROVE', monthlyAmount: 600 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'TRANSITION_REFUSED', step: 'intake', stepLabelZh: '受理：材料审查' });
    expect(res.body.error.allowedEvents).toEqual(
      expect.arrayContaining([{ type: 'ACCEPT', labelZh: '受理申请', roles: ['window'] }])
    );
    expect(await countRows('case_events', 'case_id', id)).toBe(1);
  });

  it('answers 403 naming the rule when another org or another role sends the event', async () => {
    const id = await start();
    await send(id, window, { type: 'ACCEPT' });
    const otherCounty: Person = { userId: 'c2', role: 'county', org: '370911' };
    // The other county cannot even see the case.
    const outside = await send(id, otherCounty, { type: 'RECORD_HOME_VISIT', ...homeVisit });
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({ code: 'OUT_OF_SCOPE', rule: '管辖范围' });
    // The chart names the township for a home visit: a supervisor over the case may watch it, not record it.
    const supervisorTry = await send(id, supervisor, { type: 'RECORD_HOME_VISIT', ...homeVisit });
    expect(supervisorTry.status).toBe(403);
    expect(supervisorTry.body.error.code).toBe('EVENT_NOT_PERMITTED');
    expect(supervisorTry.body.error.message).toContain('乡镇（街道）经办人员');
  });

  it('answers 403 to anyone posing as the engine with a check result', async () => {
    const id = await start();
    await send(id, window, { type: 'ACCEPT' });
    const forged = await send(id, county, {
      type: 'DATA_CHECK_COMPLETED',
      run: 9,
      answered: [],
      unanswered: [],
      eligible: true,
      flagged: false,
      lowIncomeEdge: false,
      summaryZh: '符合',
      failedConditions: [],
      monthlyAmount: 5000,
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('EVENT_NOT_PERMITTED');
    expect(forged.body.error.message).toContain('由系统自动产生');
  });

  it('answers 400 with payload field paths, and for an unknown event type', async () => {
    const id = await start();
    await send(id, window, { type: 'ACCEPT' });
    const oneInvestigator = await send(id, township, {
      type: 'RECORD_HOME_VISIT',
      ...homeVisit,
      investigators: homeVisit.investigators.slice(0, 1),
      familySigned: false,
    });
    expect(oneInvestigator.status).toBe(400);
    expect(oneInvestigator.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.familySigned',
      'body.investigators',
    ]);
    const unknown = await send(id, township, { type: 'FLY_TO_MOON' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].message).toContain('RECORD_HOME_VISIT');
    expect((await send(id, township, { comment: 'no type' })).status).toBe(400);
  });

  it('answers 409 with no allowed events once the case is closed', async () => {
    const id = await start();
    await send(id, window, { type: 'WITHDRAW', reason: '申请人撤回' });
    await eventually(async () =>
      (await stack.pool.query('SELECT status FROM cases WHERE id=$1', [id])).rows[0].status === 'done'
        ? true
        : undefined
    );
    const res = await send(id, window, { type: 'ACCEPT' });
    expect(res.status).toBe(409);
    expect(res.body.error.allowedEvents).toEqual([]);
  });

  it('answers 404 for events to an unknown case', async () => {
    expect((await send('DB-379901-0123456789abcdef0123', window, { type: 'ACCEPT' })).status).toBe(404);
  });
});

describe('GET /api/cases', () => {
  let listStack: Stack;
  let listApi: TestApi;
  // A township of its own: these tests count exactly what they created.
  const listOrgs = townshipOrgs('201');
  const clerk = actors.window(listOrgs);
  const ids: string[] = [];

  beforeAll(async () => {
    listStack = await openStack('api-list', { stepSeconds: 1 });
    await listStack.startWorker();
    listApi = await startApi(listStack, { stepSeconds: 1 });
    for (let i = 0; i < 5; i += 1) {
      const res = await listApi.call('POST', '/api/applications', clerk, anApplication({ orgs: listOrgs }));
      ids.push(res.body.id);
    }
    await listApi.call('POST', `/api/applications/${ids[0]}/events`, clerk, { type: 'ACCEPT' });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the 1 s investigation clocks pass
  });
  afterAll(async () => {
    await listApi?.close();
    await listStack?.close();
  });

  const list = (actor: Person, query: string) => listApi.call('GET', `/api/cases?${query}`, actor);

  it('lists the cases under the caller’s org, newest first, with a cursor for the next page', async () => {
    const page1 = await list(actors.township(listOrgs), 'limit=3');
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([...ids].reverse().slice(0, 3));
    const page2 = await list(actors.township(listOrgs), `limit=3&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((c: { id: string }) => c.id)).toEqual([...ids].reverse().slice(3));
    expect(page2.body.nextCursor).toBeNull();
    expect(page1.body.items[0]).toMatchObject({ program: 'dibao', applicantName: '张三', householdSize: 3 });
  });

  it('filters by step and by overdue', async () => {
    const investigating = await list(actors.township(listOrgs), 'step=investigation');
    expect(investigating.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    const overdue = await list(actors.supervisor(listOrgs), `org=${listOrgs.township}&overdue=true`);
    expect(overdue.body.items.map((c: { id: string; overdue: boolean }) => [c.id, c.overdue])).toEqual([
      [ids[0], true],
    ]);
    const intake = await list(actors.township(listOrgs), 'step=intake&program=dibao&status=active');
    expect(intake.body.items).toHaveLength(4);
  });

  it('never shows another township’s cases, and refuses an org outside the caller’s', async () => {
    const neighbour = await list(actors.township(townshipOrgs('202')), 'limit=50');
    expect(neighbour.body.items).toEqual([]);
    const outside = await list(actors.township(listOrgs), 'org=379901202');
    expect(outside.status).toBe(403);
  });

  it('answers 400 for a bad limit or cursor', async () => {
    const badLimit = await list(actors.township(listOrgs), 'limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.issues[0].path).toBe('query.limit');
    expect((await list(actors.township(listOrgs), 'cursor=garbage')).status).toBe(400);
  });
});

describe('service endpoints', () => {
  it('reports liveness, and readiness of the database, Temporal and the worker', async () => {
    expect(await api.call('GET', '/healthz', null)).toMatchObject({ status: 200, body: { status: 'ok' } });
    const res = await api.call('GET', '/readyz', null);
    expect(res).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'ok', temporal: 'ok', workers: 'ok' },
    });
  });

  it('serves an OpenAPI description generated from the schemas', async () => {
    const res = await api.call('GET', '/api/openapi.json', null);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/applications', '/api/cases']));
    expect(Object.keys(res.body.paths)).toContain('/api/applications/{id}/verification');
    expect(res.body['x-event-payloads']['dibao.REJECT'].required).toContain('reasons');
    expect(res.body['x-event-payloads']['dibao.APPROVE'].properties).toHaveProperty('monthlyAmount');
    const caseView = res.body.paths['/api/applications/{id}'].get.responses['200'].content['application/json'].schema;
    const calendar = caseView.properties.deadlines.items.properties.calendar;
    expect(calendar.anyOf[0].properties.status.enum).toEqual(['official', 'provisional', 'weekendsOnly']);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await api.call('GET', '/api/nothing-here', county);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET /api/applications/:id/verification', () => {
  it('shows reviewers every source’s answer and the eligibility explanation with its figures and sources', async () => {
    const id = await start();
    await send(id, window, { type: 'ACCEPT' });
    await checkRunsFinished(stack.commands, id);

    const res = await api.call('GET', `/api/applications/${id}/verification`, township);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId: id, latestRun: 1 });
    const [run] = res.body.runs;
    expect(run).toMatchObject({ run: 1, trigger: 'ACCEPT', status: 'completed', complete: true, eligible: true });
    expect(run.sources).toHaveLength(13);
    expect(run.sources.every((s: { status: string }) => s.status === 'answered')).toBe(true);
    expect(run.eligibility.benefit).toMatchObject({ members: 3, line: 950, monthlyAmount: 2250 });
    const incomeRule = run.eligibility.checks.find((c: { rule: string }) => c.rule === 'income.belowLine');
    expect(incomeRule).toMatchObject({ passed: true, kind: 'condition' });
    expect(incomeRule.ruleSource).toContain('山东省最低生活保障办法');
    expect(incomeRule.figures.length).toBeGreaterThan(0);
    expect(run.monthlyAmount).toBe(2250);

    expect((await api.call('GET', `/api/applications/${id}/verification`, county)).status).toBe(200);
    const purpose = encodeURIComponent('核查群众举报线索');
    expect((await api.call('GET', `/api/applications/${id}/verification?purpose=${purpose}`, supervisor)).status).toBe(
      200
    );
  });

  it('is closed to window staff and to other townships', async () => {
    const id = await start();
    expect((await api.call('GET', `/api/applications/${id}/verification`, window)).status).toBe(403);
    const outsider = actors.township(townshipOrgs('102'));
    expect((await api.call('GET', `/api/applications/${id}/verification`, outsider)).status).toBe(403);
  });
});
