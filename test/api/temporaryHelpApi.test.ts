/**
 * Temporary help over the real stack through the API: help first on an emergency is paid the same
 * day and its paperwork clock escalates to the supervisor when missed; an expense-driven case is
 * approved by the township within the county's ceiling and by the county above it, then paid in
 * stages.
 */
import { chinaDate } from '../../definitions/calendar';
import { addMonths } from '../../definitions/payments';
import type { ApplicationInput } from '../../definitions/shared/application';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, TEST_TOWNSHIP_CEILING, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

/** The paperwork clock after help first, in the test county (with a reminder halfway). */
const PAPERWORK_SECONDS = 3;

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('132');
const window = actors.window(orgs);
const township = actors.township(orgs);
const county = actors.county(orgs);
const supervisor = actors.supervisor(orgs);

const application = (claim: NonNullable<ApplicationInput['temporaryHelp']>): ApplicationInput =>
  anApplication({ program: 'temporaryHelp', orgs, temporaryHelp: claim });
const emergency = { kind: 'emergency', amountClaimed: 800, description: '住房失火，生活用品全部损毁' } as const;
const expense = (amountClaimed: number) =>
  ({ kind: 'expense', amountClaimed, description: '子女住院手术，自付费用较高' }) as const;

beforeAll(async () => {
  stack = await openStack('temporary-help-api', { stepSeconds: PAPERWORK_SECONDS });
  await stack.startWorker();
  api = await startApi(stack, { stepSeconds: PAPERWORK_SECONDS });
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

async function start(form: ApplicationInput): Promise<string> {
  const res = await api.call('POST', '/api/applications', window, form);
  expect(res.status).toBe(201);
  return res.body.id;
}

async function stepOf(id: string, step: string) {
  return eventually(
    async () => {
      const res = await api.call('GET', `/api/applications/${id}`, county);
      return res.body.step === step ? res.body : undefined;
    },
    20_000,
    `${id} at ${step}`
  );
}

/** The case's entitlement on the payments ledger: help first or staged, with its schedule of months. */
async function entitlementOf(id: string) {
  return eventually(async () => {
    const { rows } = await stack.pool.query<{
      kind: string;
      schedule: { period: string; amount: string }[];
      decided_at: Date;
    }>('SELECT kind, schedule, decided_at FROM entitlements WHERE case_id = $1', [id]);
    return rows[0];
  });
}

describe('temporary help through the API / help first (先行救助)', () => {
  it('asks for the claim on a temporary-help application', async () => {
    const res = await api.call('POST', '/api/applications', window, anApplication({ program: 'temporaryHelp', orgs }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { path: 'body.temporaryHelp', message: '临时救助申请须填写救助类型、申请金额和困难情形' },
    ]);
  });

  it('pays the same day, skipping check, review and notice; a missed paperwork deadline escalates', async () => {
    const id = await start(application(emergency));
    expect(id).toMatch(/^LS-379901-[0-9a-f]{20}$/);
    const submittedAt = new Date();

    // Above the township's ceiling it is the county's to pay first
    const tooMuch = await send(id, township, {
      type: 'HELP_FIRST',
      amount: TEST_TOWNSHIP_CEILING + 1,
      circumstances: '火灾',
    });
    expect(tooMuch.status).toBe(409);

    const paid = await send(id, township, { type: 'HELP_FIRST', amount: 800, circumstances: '住房失火' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ step: 'emergencyFollowUp', summary: { emergency: { amount: 800 } } });
    expect(paid.body.deadlines.map((d: { key: string }) => d.key)).toEqual(['emergencyPaperwork']);
    // Booked on the payments ledger for this month, paid by the county's cycle
    const payment = await entitlementOf(id);
    expect(payment).toMatchObject({
      kind: 'helpFirst',
      schedule: [{ period: chinaDate(submittedAt).slice(0, 7), amount: '800.00' }],
    });
    expect(chinaDate(payment.decided_at)).toBe(chinaDate(submittedAt));
    const runs = await stack.pool.query('SELECT count(*)::int AS n FROM verification_runs WHERE case_id = $1', [id]);
    expect(runs.rows[0].n).toBe(0);

    // Nobody records the paperwork: the clock reminds the township, then escalates to the supervisor
    const escalated = await eventually(
      async () => {
        const purpose = encodeURIComponent('督办补办手续超时案件');
        const view = (await api.call('GET', `/api/applications/${id}?purpose=${purpose}`, supervisor)).body;
        return view.timeline.some((t: { event: string }) => t.event === 'DEADLINE_ESCALATED') ? view : undefined;
      },
      15_000,
      'the paperwork escalation'
    );
    const alerts = escalated.timeline.filter((t: { event: string }) => t.event.startsWith('DEADLINE_'));
    expect(alerts.map((t: { event: string; details: { deadline: string } }) => [t.event, t.details.deadline])).toEqual([
      ['DEADLINE_REMINDER', 'emergencyPaperwork'],
      ['DEADLINE_ESCALATED', 'emergencyPaperwork'],
    ]);
    expect(alerts[1].labelZh).toBe('超过办理时限，已报送主管督办：先行救助后补办手续');
    expect(alerts[1].details.notify).toEqual([
      { role: 'township', org: orgs.township },
      { role: 'supervisor', org: orgs.county },
    ]);
    const overdue = await api.call('GET', '/api/supervision/overdue', supervisor);
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toContain(id);

    // Late paperwork still closes the case
    const done = await send(id, township, {
      type: 'RECORD_EMERGENCY_PAPERWORK',
      recipientConfirmed: true,
      reason: '住房失火',
      amount: 800,
      signaturesComplete: true,
    });
    expect(done.body).toMatchObject({ step: 'completed', status: 'done' });
  });

  it('paperwork recorded in time raises no escalation', async () => {
    const id = await start(application(emergency));
    const helped = await send(id, county, {
      type: 'HELP_FIRST',
      amount: 2000,
      amountGround: '住院押金超出申请时估计',
      circumstances: '突发重病',
    });
    expect(helped.status).toBe(200);
    await send(id, township, {
      type: 'RECORD_EMERGENCY_PAPERWORK',
      recipientConfirmed: true,
      reason: '突发重病',
      amount: 2000,
      signaturesComplete: true,
    });
    await new Promise((resolve) => setTimeout(resolve, (PAPERWORK_SECONDS + 1) * 1000));
    const view = (await api.call('GET', `/api/applications/${id}`, county)).body;
    expect(view.step).toBe('completed');
    expect(view.timeline.filter((t: { event: string }) => t.event.startsWith('DEADLINE_'))).toEqual([]);
    expect((await entitlementOf(id)).schedule.map((stage) => stage.amount)).toEqual(['2000.00']);
  });
});

describe('temporary help through the API / the township’s approval ceiling (委托审批)', () => {
  /** Accept, visit, check, propose the stages and let the notice run out. */
  async function proposed(claimed: number, stages: number[]): Promise<string> {
    const id = await start(application(expense(claimed)));
    await send(id, window, { type: 'ACCEPT' });
    await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit });
    const review = await stepOf(id, 'townshipReview');
    expect(review.summary.dataCheck.outcome).toBe('passed');
    const res = await send(id, township, {
      type: 'PROPOSE_APPROVAL',
      opinion: '医疗自付费用超过家庭承受能力',
      stages: stages.map((amount) => ({ amount })),
    });
    expect(res.body.step).toBe('publicNotice');
    return id;
  }

  it('the township approves within the ceiling; above it the county approves; both pay in stages', async () => {
    const [small, large] = await Promise.all([proposed(900, [600, 300]), proposed(3000, [1500, 1500])]);
    const atTownship = await stepOf(small, 'townshipApproval');
    expect(atTownship.owners).toEqual([{ role: 'township', org: orgs.township, step: 'townshipApproval' }]);
    const atCounty = await stepOf(large, 'countyApproval');
    expect(atCounty.owners).toEqual([{ role: 'county', org: orgs.county, step: 'countyApproval' }]);

    // Above the ceiling the township cannot approve; the county can
    expect((await send(large, township, { type: 'APPROVE' })).status).toBe(409);
    const county1 = await send(large, county, { type: 'APPROVE' });
    expect(county1.status).toBe(200);
    expect(county1.body.summary.decision).toMatchObject({ level: 'county', total: 3000 });

    const approved = await send(small, township, { type: 'APPROVE' });
    expect(approved.body).toMatchObject({
      step: 'inPayment',
      summary: { decision: { level: 'township', total: 900 } },
    });
    expect(approved.body.summary.stages).toMatchObject([
      { stage: 1, amount: 600, paidAt: expect.any(String) },
      { stage: 2, amount: 300, paidAt: null },
    ]);
    // One approval, its stages month by month from the month of approval, on the payments ledger
    const month = chinaDate(new Date()).slice(0, 7);
    expect(await entitlementOf(small)).toMatchObject({
      kind: 'staged',
      schedule: [
        { period: month, amount: '600.00' },
        { period: addMonths(month, 1), amount: '300.00' },
      ],
    });
    expect((await entitlementOf(large)).schedule.map((stage) => stage.amount)).toEqual(['1500.00', '1500.00']);

    const last = await send(small, township, { type: 'RECORD_STAGE_PAYMENT', paidOn: chinaDate(new Date()) });
    expect(last.body).toMatchObject({ step: 'completed', status: 'done' });
    const notices = await api.call('GET', `/api/applications/${small}/notices`, window);
    expect(notices.body.items.map((n: { kind: string }) => n.kind)).toEqual(['publicNotice', 'approval']);
    expect(notices.body.items[1].bodyZh).toContain('分2个阶段发放');
  });

  it('refuses more stages than the county allows, with the field path', async () => {
    const id = await start(application(expense(500)));
    await send(id, window, { type: 'ACCEPT' });
    await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit });
    await stepOf(id, 'townshipReview');
    const res = await send(id, township, {
      type: 'PROPOSE_APPROVAL',
      opinion: '同意',
      stages: [100, 100, 100, 100].map((amount) => ({ amount })),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('body.stages');
  });
});
