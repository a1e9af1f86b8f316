/**
 * Separation of duties, recusal (回避) and least privilege through the real API: a staff member
 * registered as a close relative of a household takes no step on its cases; the county approver
 * who investigated a case does not decide it; finance staff do not read case files; a supervisor
 * of another county cannot read a case by its id; a village-level supervisor reads its village's
 * cases but not the county's dishonesty register. Each refusal is a 403 naming its rule.
 * (Maker-checker on payment batches: test/payments/paymentsApi.test.ts.) Township 385 of the test county.
 */
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, residentIds, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('385');
const window = actors.window(orgs);
const township = actors.township(orgs);
const county = actors.county(orgs);
const supervisor = actors.supervisor(orgs);

beforeAll(async () => {
  stack = await openStack('separation-of-duties');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

let serial = 0;
/** A household of two whose ID numbers no other test uses. */
function household() {
  serial += 1;
  const id = (born: string) => withCheckCharacter(`379901${born}${String(380 + serial).padStart(3, '0')}`);
  const head = id('19700101');
  const spouse = id('19720305');
  return {
    spouse,
    form: anApplication({
      orgs,
      applicant: { name: '回避甲', idNumber: head, phone: '13800000000' },
      household: {
        address: '回避村1号',
        members: [
          { name: '回避甲', idNumber: head, relation: 'self', birthDate: '1970-01-01', employment: 'unableToWork' },
          { name: '回避乙', idNumber: spouse, relation: 'spouse', birthDate: '1972-03-05', employment: 'unemployed' },
        ],
      },
    }),
  };
}

async function start(form: unknown): Promise<string> {
  const res = await api.call('POST', '/api/applications', window, form);
  expect(res.status).toBe(201);
  return res.body.id;
}

const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

async function registerRelative(staffUserId: string, relativeIdNumber: string) {
  const res = await api.call('POST', '/api/supervision/staff-relatives', supervisor, {
    entries: [{ staffUserId, staffName: '回避测试', staffOrg: orgs.township, relativeIdNumber, relation: '配偶' }],
  });
  expect(res.status).toBe(201);
}

describe('recusal / close relatives of staff (近亲属回避)', () => {
  it('refuses every step by a registered relative, however the id is typed, and lets colleagues act', async () => {
    const { form, spouse } = household();
    const id = await start(form);
    const relativeAtWindow: Person = { ...window, userId: 'win-rel-385' };
    const relativeAtTownship: Person = { ...township, userId: 'tw-rel-385' };
    await registerRelative('WIN-Rel-385', spouse);
    await registerRelative('tw-rel-385', spouse);

    const accept = await send(id, relativeAtWindow, { type: 'ACCEPT' });
    expect(accept.status).toBe(403);
    expect(accept.body.error).toMatchObject({ code: 'RECUSAL_RELATIVE', rule: '回避：近亲属' });
    expect(accept.body.error.message).toContain('回避');
    expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);

    const visit = await send(id, relativeAtTownship, { type: 'RECORD_HOME_VISIT', ...homeVisit });
    expect(visit.status).toBe(403);
    expect(visit.body.error.code).toBe('RECUSAL_RELATIVE');
    // Reading is not acting: the relative still sees the case (access logging records it).
    expect((await api.call('GET', `/api/applications/${id}`, relativeAtTownship)).status).toBe(200);
  });

  it('refuses a relative at the window the household application’s materials', async () => {
    const { form, spouse } = household();
    const { program: _program, ...common } = form;
    const started = await api.call('POST', '/api/household-applications', window, {
      ...common,
      programs: ['dibao'],
      referrals: [],
    });
    expect(started.status).toBe(201);
    await registerRelative('win-rel-385b', spouse);
    const res = await api.call(
      'POST',
      `/api/household-applications/${started.body.id}/materials`,
      { ...window, userId: 'win-rel-385b' },
      { items: ['incomeProof'] }
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('RECUSAL_RELATIVE');
  });
});

describe('recusal / the county approver did not investigate (调查与审核确认分离)', () => {
  it('refuses approval and rejection by a county member of the home-visit team, and lets another approve', async () => {
    const id = await start(household().form);
    expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);
    await checkRunsFinished(stack.commands, id);
    const investigators = [
      { userId: 'County-Inv-385', name: '县调查' },
      { userId: 'inv-2', name: '赵调查' },
    ];
    expect((await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit, investigators })).status).toBe(200);
    expect((await send(id, township, { type: 'PROPOSE_APPROVAL', opinion: '符合低保条件' })).status).toBe(200);
    await eventually(
      async () => ((await stack.commands.readCase(id)).step === 'countyReview' ? true : undefined),
      20_000
    );

    const investigator: Person = { ...county, userId: 'county-inv-385' };
    const approve = await send(id, investigator, { type: 'APPROVE' });
    expect(approve.status).toBe(403);
    expect(approve.body.error).toMatchObject({ code: 'RECUSAL_INVESTIGATOR', rule: '回避：调查人员不得审核确认' });
    const reject = await send(id, investigator, { type: 'REJECT', reasons: ['测试'] });
    expect(reject.status).toBe(403);
    expect(reject.body.error.code).toBe('RECUSAL_INVESTIGATOR');

    expect((await send(id, county, { type: 'APPROVE' })).status).toBe(200);
  });
});

describe('least privilege', () => {
  let caseId: string;
  let referralId: string;
  beforeAll(async () => {
    caseId = await start(household().form);
    const referral = await api.call('POST', '/api/referrals', township, {
      department: 'medical',
      orgs,
      reason: '家中老人长期患病，需医疗救助',
      applicant: { name: '张三', idNumber: residentIds.applicant, address: '回避村1号' },
    });
    expect(referral.status).toBe(201);
    referralId = referral.body.id;
  });

  it('keeps finance staff to payment data: no case list, case view or referral', async () => {
    const finance: Person = { userId: 'fin-385', role: 'finance', org: orgs.county };
    for (const path of ['/api/cases', `/api/applications/${caseId}`, `/api/referrals/${referralId}`]) {
      const res = await api.call('GET', path, finance);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 403,
        code: 'ROLE_NOT_PERMITTED',
      });
    }
    const retries = await api.call('GET', `/api/payment-retries?county=${orgs.county}`, finance);
    expect(retries.status).toBe(200);
  });

  it('keeps a supervisor of another county out of a case, even with its id', async () => {
    const elsewhere: Person = { userId: 'sup-b', role: 'supervisor', org: '379902' };
    for (const path of [
      `/api/applications/${caseId}`,
      `/api/applications/${caseId}/verification`,
      `/api/applications/${caseId}/integrity`,
      `/api/integrity/records?caseId=${caseId}`,
    ]) {
      const res = await api.call('GET', path, elsewhere);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 403,
        code: 'OUT_OF_SCOPE',
      });
    }
  });

  it('shows a village-level supervisor its village’s case, not the county’s dishonesty register', async () => {
    const villageSupervisor: Person = { userId: 'sup-v', role: 'supervisor', org: orgs.village };
    expect(
      (await api.call('GET', `/api/applications/${caseId}/integrity?purpose=核查群众举报线索`, villageSupervisor))
        .status
    ).toBe(200);
    const register = await api.call('GET', '/api/integrity/records', villageSupervisor);
    expect(register.status).toBe(403);
    expect(register.body.error).toMatchObject({ code: 'OUT_OF_SCOPE', rule: '管辖范围' });
    expect((await api.call('GET', '/api/integrity/records', supervisor)).status).toBe(200);
  });
});
