/**
 * 特困 over the real stack through the API: an elderly applicant's case runs the generic case
 * workflow from intake to approval; the county's home-check sample is drawn by the system, and a
 * sampled case waits for the county's own home check before it can be approved.
 */
import { chinaDate } from '../../definitions/calendar';
import { firstPaymentPeriod } from '../../definitions/payments/periods';
import { withCheckCharacter } from '../../definitions/shared/identity';
import { drawHomeCheckSample, samplePeriod } from '../../definitions/tekun/homeCheckSample';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('131');
const window = actors.window(orgs);
const township = actors.township(orgs);
const county = actors.county(orgs);

/** A man of 76 living alone, unable to work, with a small pension, declaring no supporters. */
const tekunApplication = (idSuffix: string) => {
  const idNumber = withCheckCharacter(`3709021950010100${idSuffix}`);
  return anApplication({
    program: 'tekun',
    orgs,
    applicant: { name: '王老汉', idNumber },
    household: {
      address: '泰山区某村5号',
      members: [{ name: '王老汉', idNumber, relation: 'self', birthDate: '1950-01-01', employment: 'retired' }],
    },
    declared: { monthlyIncome: 300, deposits: 0 },
    materials: ['idCard', 'householdRegister', 'applicationForm', 'integrityPledge', 'checkAuthorisation'],
    tekun: { supporters: [] },
  });
};

const nextMonth = () => firstPaymentPeriod(new Date().toISOString(), 1);

beforeAll(async () => {
  stack = await openStack('tekun-api');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

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

/** The sample is drawn from the case id: start cases until one is in it and one is not. */
async function startSampledAndNot(): Promise<{ sampled: string; notSampled: string; extra: string[] }> {
  const found: { sampled?: string; notSampled?: string } = {};
  const extra: string[] = [];
  for (let i = 0; i < 40 && !(found.sampled && found.notSampled); i += 1) {
    const res = await api.call('POST', '/api/applications', window, tekunApplication(String(i % 10)));
    expect(res.status).toBe(201);
    const id: string = res.body.id;
    const { sampled } = drawHomeCheckSample({
      caseId: id,
      county: orgs.county,
      period: samplePeriod(new Date().toISOString()),
      ratio: 0.3,
    });
    if (sampled && !found.sampled) found.sampled = id;
    else if (!sampled && !found.notSampled) found.notSampled = id;
    else extra.push(id);
  }
  if (!found.sampled || !found.notSampled) throw new Error('no sampled and unsampled pair in 40 cases');
  return { sampled: found.sampled, notSampled: found.notSampled, extra };
}

/** Intake → investigation ∥ check → first review with the care level → notice → county. */
async function toCounty(id: string): Promise<void> {
  expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);
  expect((await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
  const review = await stepOf(id, 'firstReview');
  expect(review.summary.dataCheck).toMatchObject({ outcome: 'passed', runs: 1 });
  const assessed = await send(id, township, {
    type: 'RECORD_SELF_CARE_ASSESSMENT',
    unableItems: ['bathing', 'walking', 'toileting', 'dressing'],
    assessedOn: chinaDate(new Date()),
  });
  expect(assessed.status).toBe(200);
  expect(assessed.body.summary.careAssessment).toMatchObject({
    level: 'whollyUnable',
    levelLabelZh: '完全丧失生活自理能力',
  });
  const proposed = await send(id, township, { type: 'PROPOSE_APPROVAL', opinion: '符合特困人员认定条件' });
  expect(proposed.body.step).toBe('publicNotice');
  await stepOf(id, 'countyReview');
}

describe('特困 through the API', () => {
  it('starts a 特困 case with its own id prefix and the program’s first step', async () => {
    const res = await api.call('POST', '/api/applications', window, tekunApplication('9'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ program: 'tekun', programLabelZh: '特困人员救助供养', step: 'intake' });
    expect(res.body.id).toMatch(/^TK-379901-[0-9a-f]{20}$/);
    expect(res.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual([
      'REQUEST_MISSING_MATERIALS',
      'ACCEPT',
      'DECLINE',
      'WITHDRAW',
    ]);
  });

  it('runs to approval; the county’s sampled case waits for its home check, the other does not', async () => {
    const { sampled, notSampled, extra } = await startSampledAndNot();
    await Promise.all(extra.map((id) => send(id, window, { type: 'WITHDRAW', reason: '测试多余案件' })));
    await Promise.all([toCounty(sampled), toCounty(notSampled)]);

    // The draw is on the case, and anyone can draw it again from the record
    const atCounty = (await api.call('GET', `/api/applications/${sampled}`, county)).body;
    const sample = atCounty.summary.countyHomeCheck.sample;
    expect(sample).toEqual(
      drawHomeCheckSample({ caseId: sampled, county: orgs.county, period: sample.period, ratio: 0.3 })
    );
    expect(atCounty.summary.countyHomeCheck).toMatchObject({ required: true, recorded: 0 });
    expect(atCounty.deadlines.map((d: { key: string }) => d.key)).toEqual(['countyDecision']);

    // Sampled: the approval is refused until the county's own home check is recorded
    const early = await send(sampled, county, { type: 'APPROVE', monthlyAmount: 1350, supportMode: 'dispersed' });
    expect(early.status).toBe(409);
    const allowed = early.body.error.allowedEvents.map((e: { type: string }) => e.type);
    expect(allowed).toContain('RECORD_COUNTY_HOME_CHECK');
    expect(allowed).not.toContain('APPROVE');
    expect((await send(sampled, county, { type: 'RECORD_COUNTY_HOME_CHECK', ...homeVisit })).status).toBe(200);
    const approved = await send(sampled, county, { type: 'APPROVE', monthlyAmount: 1350, supportMode: 'dispersed' });
    expect(approved.status).toBe(200);
    expect(approved.body.step).toBe('inPayment');

    // Not sampled: approved without a county home check
    const other = await send(notSampled, county, {
      type: 'APPROVE',
      monthlyAmount: 1200,
      supportMode: 'institutional',
    });
    expect(other.status).toBe(200);
    expect(other.body.summary.countyHomeCheck).toMatchObject({ required: false, recorded: 0 });

    // The first payment from the month after approval, and the notices the chain produced
    const payments = await eventually(async () => {
      const { rows } = await stack.pool.query(
        'SELECT case_id, period, amount::float8 AS amount FROM disbursements WHERE case_id = ANY($1) ORDER BY amount',
        [[sampled, notSampled]]
      );
      return rows.length === 2 ? rows : undefined;
    });
    expect(payments.map((p) => [p.case_id, p.amount])).toEqual([
      [notSampled, 1200],
      [sampled, 1350],
    ]);
    // Support from the month after approval [17]
    expect(payments.map((p) => p.period)).toEqual([nextMonth(), nextMonth()]);
    const notices = await api.call('GET', `/api/applications/${sampled}/notices`, window);
    expect(notices.body.items.map((n: { kind: string }) => n.kind)).toEqual(['publicNotice', 'approval']);
    expect(notices.body.items[1].bodyZh).toContain('完全丧失生活自理能力');
  });

  it('plans a termination, posts it, and ends support with the suggested move onto dibao', async () => {
    const { notSampled, sampled, extra } = await startSampledAndNot();
    await Promise.all([sampled, ...extra].map((id) => send(id, window, { type: 'WITHDRAW', reason: '测试多余案件' })));
    await toCounty(notSampled);
    await send(notSampled, county, { type: 'APPROVE', monthlyAmount: 1200, supportMode: 'dispersed' });
    const planned = await send(notSampled, township, {
      type: 'PROPOSE_TERMINATION',
      reason: '本人养老金已超过当地特困供养标准',
      suggestion: 'dibao',
    });
    expect(planned.body.step).toBe('terminationNotice');
    const ended = await stepOf(notSampled, 'terminated');
    expect(ended.status).toBe('done');
    expect(ended.summary.closure).toMatchObject({ kind: 'terminated', suggestion: 'dibao' });
    // The notice is written by its activity right after the transition
    const notices = await eventually(async () => {
      const res = await api.call('GET', `/api/applications/${notSampled}/notices`, window);
      return res.body.items.some((n: { kind: string }) => n.kind === 'termination') ? res : undefined;
    });
    const kinds = notices.body.items.map((n: { kind: string }) => n.kind);
    expect(kinds.slice(-2)).toEqual(['terminationNotice', 'termination']);
    expect(notices.body.items.at(-1).bodyZh).toContain('纳入最低生活保障');

    // Moving onto dibao: the dibao case opens from the same application, no new intake
    const dibaoId = notSampled.replace(/^TK-/, 'DB-');
    const dibao = await eventually(async () => {
      const res = await api.call('GET', `/api/applications/${dibaoId}`, window);
      return res.status === 200 ? res.body : undefined;
    }, 20_000);
    expect(dibao).toMatchObject({ program: 'dibao', status: 'active', step: 'intake' });
  });

  it('refuses a temporary-help section on a 特困 application', async () => {
    const res = await api.call('POST', '/api/applications', window, {
      ...tekunApplication('1'),
      temporaryHelp: { kind: 'expense', amountClaimed: 100, description: '医疗' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.temporaryHelp']);
  });
});
