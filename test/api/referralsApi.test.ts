/**
 * Referrals (转办/转介) over the real stack through the API: the township sends one to a county
 * department (idempotently), the department finds it in its inbox, signs for it and reports the
 * outcome; other departments and counties are kept out; an unsigned referral reminds and then
 * escalates to the supervisor; the township may withdraw it.
 */
import type { ReferralRequest } from '../../definitions/referral';
import type { DepartmentKind } from '../../definitions/shared/actors';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, residentIds, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

/** Both department clocks in the test county (with a reminder halfway). */
const STEP_SECONDS = 3;

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('141');
const township = actors.township(orgs);
const window = actors.window(orgs);
const supervisor = actors.supervisor(orgs);
const medical = actors.department('medical', orgs);
const housing = actors.department('housing', orgs);
const medicalElsewhere: Person = { ...medical, org: '379902' };

const referral = (overrides: Partial<ReferralRequest> = {}): ReferralRequest => ({
  department: 'medical',
  orgs,
  reason: '家中老人长期患病，自付医疗费用较高，需医疗救助',
  applicant: { name: '张三', idNumber: residentIds.applicant, phone: '13800000000', address: '泰山区某街道某村1号' },
  ...overrides,
});

beforeAll(async () => {
  stack = await openStack('referrals-api', { stepSeconds: STEP_SECONDS });
  await stack.startWorker();
  api = await startApi(stack, { stepSeconds: STEP_SECONDS });
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

let keys = 0;
const newKey = () => `referral-test-${Date.now()}-${(keys += 1)}`;

async function send(body: ReferralRequest, sender: Person = township, key = newKey()) {
  return api.call('POST', '/api/referrals', sender, body, { 'idempotency-key': key });
}

async function sent(body: ReferralRequest = referral()): Promise<string> {
  const res = await send(body);
  expect(res.status).toBe(201);
  return res.body.id;
}

const act = (id: string, action: string, actor: Person, body: Record<string, unknown> = {}) =>
  api.call('POST', `/api/referrals/${id}/${action}`, actor, body);

async function inbox(actor: Person, status?: string, extra = '') {
  const query = status ? `?status=${status}${extra}` : extra ? `?${extra.slice(1)}` : '';
  return api.call('GET', `/api/referrals/inbox${query}`, actor);
}

/** The read model follows the workflow: wait until the inbox shows the referral as expected. */
async function inboxHas(actor: Person, status: string, id: string) {
  return eventually(async () => {
    const res = await inbox(actor, status);
    return res.body.items.some((r: { id: string }) => r.id === id) ? res.body : undefined;
  });
}

describe('referrals through the API / the township sends one', () => {
  it('starts a referral case, and the same Idempotency-Key gives back the same referral', async () => {
    const key = newKey();
    const first = await send(referral(), township, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      program: 'referral',
      step: 'sent',
      stepLabelZh: '待签收',
      owners: [{ role: 'department', org: orgs.county }],
      summary: { department: 'medical', departmentLabelZh: '医疗', applicant: { name: '张三' } },
    });
    expect(first.body.id).toMatch(/^ZJ-379901-[0-9a-f]{20}$/);
    expect(first.body.deadlines.map((d: { key: string }) => d.key)).toEqual(['acknowledge']);

    const again = await send(referral(), township, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);

    const different = await send(referral({ department: 'housing' }), township, key);
    expect(different.status).toBe(409);
  });

  it('refuses an incomplete request with field paths, and other roles and townships', async () => {
    const bad = await send({ ...referral(), reason: '', department: 'police' as DepartmentKind });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.department', 'body.reason']);
    expect((await send(referral(), medical)).status).toBe(403);
    expect((await send(referral({ orgs: townshipOrgs('142') }))).status).toBe(403);
    expect((await send(referral(), window)).status).toBe(201);
  });

  it('names the household case it came from, which must be one of the township’s own', async () => {
    const other = await sent();
    const unknown = await send(referral({ householdCaseId: 'DB-379901-0123456789abcdef0123' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.householdCaseId']);
    // A referral is not a household case
    expect((await send(referral({ householdCaseId: other }))).status).toBe(400);
    const form = anApplication({ orgs });
    const source = await api.call('POST', '/api/applications', window, form);
    expect(source.status).toBe(201);
    const linked = await send(referral({ householdCaseId: source.body.id }));
    expect(linked.status).toBe(201);
    expect(linked.body.summary.householdCaseId).toBe(source.body.id);
    expect(linked.body.timeline[0].details).toEqual({ department: 'medical', householdCaseId: source.body.id });
  });
});

describe('referrals through the API / the department handles one', () => {
  it('finds it in its inbox, signs for it, and reports the outcome', async () => {
    const id = await sent();
    const open = await inboxHas(medical, 'open', id);
    expect(open.items.find((r: { id: string }) => r.id === id)).toMatchObject({
      department: 'medical',
      applicantName: '张三',
      step: 'sent',
      reason: referral().reason,
    });
    // The acknowledgement clock's countdown, on the calendar the clocks use (3 working days by default).
    const waiting = open.items.find((r: { id: string }) => r.id === id);
    expect(waiting.workingDaysLeft).toBeGreaterThanOrEqual(0);
    expect(waiting.workingDaysLeft).toBeLessThanOrEqual(3);
    expect((await inbox(housing, 'open')).body.items.map((r: { id: string }) => r.id)).not.toContain(id);

    const signed = await act(id, 'acknowledge', medical, { handler: '王医生' });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ step: 'acknowledged', stepLabelZh: '办理中' });
    expect(signed.body.deadlines.map((d: { key: string }) => d.key)).toEqual(['outcome']);
    await inboxHas(medical, 'acknowledged', id);

    const incomplete = await act(id, 'outcome', medical, { outcome: 'cured' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.outcome', 'body.text']);

    const done = await act(id, 'outcome', medical, { outcome: 'helped', text: '已纳入医疗救助，报销住院费用' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      step: 'outcomeReported',
      summary: { outcome: { kind: 'helped', kindLabelZh: '已帮扶' } },
    });
    await inboxHas(medical, 'done', id);
    // The sender reads the outcome on the referral itself
    const read = await api.call('GET', `/api/referrals/${id}`, township);
    expect(read.body.summary.outcome.text).toBe('已纳入医疗救助，报销住院费用');
    const after = await eventually(async () => {
      const res = await act(id, 'return', medical, { reason: '重复' });
      return res.status === 409 ? res : undefined;
    });
    expect(after.body.error.allowedEvents).toEqual([]);
  });

  it('keeps other departments and counties out, and answers the wrong step with the allowed events', async () => {
    const id = await sent();
    await inboxHas(medical, 'open', id);
    expect((await act(id, 'acknowledge', housing)).status).toBe(403);
    expect((await act(id, 'acknowledge', medicalElsewhere)).status).toBe(403);
    expect((await api.call('GET', `/api/referrals/${id}`, housing)).status).toBe(403);
    // Departments reach referrals only, never the county's household cases
    expect((await api.call('GET', `/api/applications/${id}`, medical)).status).toBe(403);
    expect((await api.call('GET', '/api/tasks', medical)).status).toBe(403);

    const early = await act(id, 'outcome', medical, { outcome: 'helped', text: '已帮扶' });
    expect(early.status).toBe(409);
    expect(early.body.error.allowedEvents).toEqual(
      expect.arrayContaining([
        { type: 'ACKNOWLEDGE', labelZh: '部门签收', roles: ['department'] },
        { type: 'WITHDRAW', labelZh: '撤回转介', roles: ['window', 'township'] },
      ])
    );
    // The chart names the department for signing: the township is refused by the policy, with the rule.
    const byTownship = await act(id, 'acknowledge', township);
    expect(byTownship.status).toBe(403);
    expect(byTownship.body.error.code).toBe('ROLE_NOT_PERMITTED');
  });

  it('returns one that is not its own to the township with a reason', async () => {
    const id = await sent();
    const returned = await act(id, 'return', medical, { reason: '属住房困难，请转住房部门' });
    expect(returned.body).toMatchObject({
      status: 'done',
      step: 'returned',
      summary: { returned: { reason: '属住房困难，请转住房部门' } },
    });
  });

  it('pages the inbox with a cursor', async () => {
    await Promise.all([sent(), sent(), sent()]);
    const first = await eventually(async () => {
      const res = await inbox(medical, undefined, '&limit=2');
      return res.body.nextCursor ? res.body : undefined;
    });
    expect(first.items).toHaveLength(2);
    const second = await inbox(medical, undefined, `&limit=2&cursor=${first.nextCursor}`);
    expect(second.status).toBe(200);
    const ids = [...first.items, ...second.body.items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await inbox(medical, undefined, '&cursor=nonsense')).status).toBe(400);
  });
});

describe('referrals through the API / clocks and withdrawal', () => {
  it('an unsigned referral reminds the department, then escalates to the supervisor', async () => {
    const id = await sent();
    const escalated = await eventually(
      async () => {
        const view = (await api.call('GET', `/api/referrals/${id}`, township)).body;
        return view.timeline.some((t: { event: string }) => t.event === 'DEADLINE_ESCALATED') ? view : undefined;
      },
      15_000,
      'the acknowledgement escalation'
    );
    const alerts = escalated.timeline.filter((t: { event: string }) => t.event.startsWith('DEADLINE_'));
    expect(alerts.map((t: { event: string; details: { deadline: string } }) => [t.event, t.details.deadline])).toEqual([
      ['DEADLINE_REMINDER', 'acknowledge'],
      ['DEADLINE_ESCALATED', 'acknowledge'],
    ]);
    expect(alerts[1].labelZh).toBe('超过办理时限，已报送主管督办：部门签收');
    expect(alerts[1].details.notify).toEqual([
      { role: 'department', org: orgs.county },
      { role: 'supervisor', org: orgs.county },
    ]);
    const overdue = await api.call('GET', '/api/supervision/overdue', supervisor);
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    // Late, it may still be signed for
    expect((await act(id, 'acknowledge', medical)).body.step).toBe('acknowledged');
  });

  it('is withdrawn by the township that sent it', async () => {
    const id = await sent();
    expect((await act(id, 'withdraw', medical, { reason: '不需要' })).status).toBe(403);
    const withdrawn = await act(id, 'withdraw', township, { reason: '需求已由乡镇解决' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'done', step: 'withdrawn', stepLabelZh: '已撤回' });
  });
});

describe('referrals through the API / OpenAPI', () => {
  it('describes the referral routes', async () => {
    const res = await api.call('GET', '/api/openapi.json', null);
    const paths = res.body.paths as Record<string, { post?: { parameters: { name: string }[] } }>;
    for (const path of ['/api/referrals', '/api/referrals/inbox', '/api/referrals/{id}/acknowledge']) {
      expect(paths[path]).toBeDefined();
    }
  });
});
