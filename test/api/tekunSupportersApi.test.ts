/**
 * 特困 supporters over the real stack (《特困人员认定办法》第四条、第七条、第十条、第十二条): the form
 * declares them, acceptance waits for each one's own check authorisation through the one notice of
 * missing materials, the data check asks the registry sources about them as persons of their own,
 * and the verification report explains the supporter rule with their figures and masked id numbers.
 */
import { maskResidentId, withCheckCharacter } from '../../definitions/shared/identity';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('137');
const window = actors.window(orgs);
const county = actors.county(orgs);

// People of this file's own county code, so no other test's registry rows share an id number.
const person = (birth: string, serial: string) => withCheckCharacter(`379913${birth}${serial}`);

/** A woman of 76 living alone with a small pension, and the supporters she declares. */
function tekunApplication(serial: string, supporters: Record<string, unknown>[]) {
  const idNumber = person('19500101', serial);
  return anApplication({
    program: 'tekun',
    orgs,
    applicant: { name: '刘奶奶', idNumber },
    household: {
      address: '泰山区某村8号',
      members: [{ name: '刘奶奶', idNumber, relation: 'self', birthDate: '1950-01-01', employment: 'retired' }],
    },
    declared: { monthlyIncome: 300, deposits: 0 },
    tekun: { supporters: supporters as never },
  });
}

beforeAll(async () => {
  stack = await openStack('tekun-supporters');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

async function submit(application: unknown): Promise<string> {
  const res = await api.call('POST', '/api/applications', window, application);
  expect(res.status).toBe(201);
  return res.body.id;
}

/** The first check run's report, once the run has closed. */
async function firstRun(id: string) {
  return eventually(
    async () => {
      const res = await api.call('GET', `/api/applications/${id}/verification`, county);
      const run = res.body.runs?.find((r: { run: number }) => r.run === 1);
      return run?.status === 'completed' ? run : undefined;
    },
    20_000,
    `${id}'s first check run`
  );
}

interface ExplainedCheck {
  rule: string;
  passed: boolean;
  explanationZh: string;
  sources: string[];
  figures: { name: string; value: number }[];
}
const supporterRule = (run: { eligibility: { checks: ExplainedCheck[] } }) =>
  run.eligibility.checks.find((c) => c.rule === 'tekun.noAbleSupporter')!;

async function auditPayloads(id: string): Promise<string> {
  const { rows } = await stack.pool.query('SELECT payload FROM case_events WHERE case_id = $1', [id]);
  return JSON.stringify(rows);
}

describe('特困 supporters through the API and the data check', () => {
  it('refuses a supporter with a mistyped id number, naming the field, and writes nothing', async () => {
    const son = { name: '刘大', idNumber: '379913197801010110', kinship: 'child', obligation: 'elderSupport' };
    const application = tekunApplication('010', [{ ...son, ableToSupport: false, checkAuthorised: true }]);
    const res = await api.call('POST', '/api/applications', window, application);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.tekun.supporters.0.idNumber']);
    const { program: _p, tekun: _t, ...undeclared } = application;
    const missing = await api.call('POST', '/api/applications', window, { ...undeclared, program: 'tekun' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.tekun']);
    const { rows } = await stack.pool.query('SELECT 1 FROM applications WHERE applicant_id = $1', [
      application.applicant.idNumber,
    ]);
    expect(rows).toEqual([]);
  });

  it('a son with a verified wage is able to support: the check fails and the report explains it, id masked', async () => {
    const son = person('19780101', '021');
    await stack.pool.query(
      `INSERT INTO registry_social_security (record_ref, id_number, record_type, monthly_amount, employer, since)
       VALUES ('T-SUP-RS-1', $1, 'wage', 6000, '某机械有限公司', NULL)`,
      [son]
    );
    const id = await submit(
      tekunApplication('020', [
        {
          name: '刘大',
          idNumber: son,
          kinship: 'child',
          obligation: 'elderSupport',
          ableToSupport: false,
          checkAuthorised: true,
        },
      ])
    );
    expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);
    const run = await firstRun(id);

    expect(run.eligible).toBe(false);
    const social = run.sources.find((s: { sourceId: string }) => s.sourceId === 'socialSecurity');
    expect(social.findings).toContainEqual(expect.objectContaining({ reference: 'T-SUP-RS-1', memberIdNumber: son }));
    const rule = supporterRule(run);
    expect(rule.passed).toBe(false);
    expect(rule.sources).toEqual(['T-SUP-RS-1']);
    expect(rule.explanationZh).toBe(
      `刘大（子女，赡养义务人，${maskResidentId(son)}）：月收入6000.00元（核对），金融资产0.00元（申报，限额34200.00元）；` +
        '申报无履行义务能力，但不属第七条所列情形，认定有履行义务能力。'
    );
    // 36 months of the line (950 yuan: the provincial default this test county inherits)
    expect(rule.figures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'supporter1MonthlyIncome', value: 6000 }),
        expect.objectContaining({ name: 'supporterAssetLimit', value: 34_200 }),
      ])
    );
    // Explanations travel into notices and the audit trail: never the full id number.
    expect(JSON.stringify(run.eligibility)).not.toContain(son);
    const view = await eventually(async () => {
      const res = await api.call('GET', `/api/applications/${id}`, county);
      return res.body.summary.dataCheck.outcome === 'failed' ? res.body : undefined;
    });
    expect(view.summary.dataCheck.reasons.join('')).toContain('无法定义务人或义务人无履行义务能力');
    expect(await auditPayloads(id)).not.toContain(son);
  });

  it('an unsigned authorisation waits in the one notice; once supplied, the check finds the spouse unable', async () => {
    const spouse = person('19500301', '031');
    await stack.pool.query(
      `INSERT INTO registry_social_security (record_ref, id_number, record_type, monthly_amount, employer, since)
       VALUES ('T-SUP-RS-2', $1, 'pension', 1200, NULL, NULL)`,
      [spouse]
    );
    const id = await submit(
      tekunApplication('030', [
        {
          name: '张老汉',
          idNumber: spouse,
          kinship: 'spouse',
          obligation: 'mutualSupport',
          ableToSupport: false,
          checkAuthorised: false,
        },
      ])
    );
    const opened = await api.call('GET', `/api/applications/${id}`, window);
    expect(opened.body.summary.requiredBeforeAcceptance).toEqual(['supporterCheckAuthorisation']);
    expect(opened.body.allowedEvents.map((e: { type: string }) => e.type)).not.toContain('ACCEPT');
    expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(409);

    const told = await send(id, window, { type: 'REQUEST_MISSING_MATERIALS', items: ['supporterCheckAuthorisation'] });
    expect(told.status).toBe(200);
    const notices = await eventually(async () => {
      const res = await api.call('GET', `/api/applications/${id}/notices`, window);
      return res.body.items.length > 0 ? res.body.items : undefined;
    });
    expect(notices[0]).toMatchObject({ kind: 'missingMaterials' });
    expect(notices[0].bodyZh).toContain('法定义务人经济状况核对授权书');

    expect((await send(id, window, { type: 'SUPPLY_MATERIALS', items: ['supporterCheckAuthorisation'] })).status).toBe(
      200
    );
    expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);
    const run = await firstRun(id);
    const rule = supporterRule(run);
    expect(rule.passed).toBe(true);
    expect(rule.explanationZh).toContain(
      `张老汉（配偶，扶养义务人，${maskResidentId(spouse)}）：月收入1200.00元（核对）`
    );
    expect(rule.explanationZh).toContain('第七条第三项');
    expect(run.eligible).toBe(true);
  });
});
