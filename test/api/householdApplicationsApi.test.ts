/**
 * One window, one form, over the real stack through the API: the needs assessment starts nothing;
 * a household application runs a dibao and a temporary-help case side by side under one pledge; a
 * child declined at intake ends while its sibling goes on; the children's one-time notices merge
 * into one, and materials handed in once satisfy every child waiting for them.
 */
import type { HouseholdApplicationInput } from '../../definitions/intake/householdForm';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('151');
const window = actors.window(orgs);
const township = actors.township(orgs);
const otherWindow = actors.window(townshipOrgs('152'));

beforeAll(async () => {
  stack = await openStack('household-applications-api');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

let keySerial = 0;
const freshKey = () => `household-${Date.now()}-${(keySerial += 1)}`;

function householdForm(overrides: Partial<HouseholdApplicationInput> = {}): HouseholdApplicationInput {
  const { program: _program, ...form } = anApplication({ orgs });
  return {
    ...form,
    temporaryHelp: { kind: 'expense', amountClaimed: 6000, description: '子女住院手术，自付费用较高' },
    programs: ['dibao', 'temporaryHelp'],
    referrals: ['education'],
    ...overrides,
  };
}

async function startHousehold(form: HouseholdApplicationInput = householdForm(), key = freshKey()) {
  const res = await api.call('POST', '/api/household-applications', window, form, { 'Idempotency-Key': key });
  expect(res.status).toBe(201);
  return res.body;
}

const childOf = (household: { children: { code: string; caseId: string | null }[] }, code: string) => {
  const child = household.children.find((c) => c.code === code);
  if (!child?.caseId) throw new Error(`no started child ${code}`);
  return child.caseId;
};
const send = (id: string, body: Record<string, unknown>, actor = window) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);
const readHousehold = async (id: string) => (await api.call('GET', `/api/household-applications/${id}`, window)).body;

describe('household applications / needs assessment', () => {
  it('proposes programs and referrals with reasons, and starts nothing', async () => {
    const { program: _program, ...form } = anApplication({ orgs });
    const count = async () =>
      (await stack.pool.query('SELECT count(*)::int AS n FROM cases WHERE township_code = $1', [orgs.township])).rows[0]
        .n as number;
    const before = await count();
    const res = await api.call('POST', '/api/needs-assessment', window, form);
    expect(res.status).toBe(200);
    const codes = res.body.proposals.map((p: { code: string }) => p.code);
    // The factory household: a severely disabled applicant, an unemployed spouse, a child at school, 600 yuan a month
    expect(codes).toEqual(expect.arrayContaining(['dibao', 'education', 'employment', 'rehabilitation']));
    for (const p of res.body.proposals) expect(p.reasonZh).toEqual(expect.any(String));
    expect(await count()).toBe(before);
  });

  it('refuses a bad form with field paths, and callers other than the window', async () => {
    const { program: _program, ...form } = anApplication({ orgs });
    const bad = await api.call('POST', '/api/needs-assessment', window, {
      ...form,
      household: { address: 'x', members: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toContain('body.household.members');
    expect((await api.call('POST', '/api/needs-assessment', township, form)).status).toBe(403);
  });
});

describe('household applications / one form, a case per program', () => {
  it('runs dibao, temporary help and two referrals side by side under one pledge', async () => {
    const household = await startHousehold(householdForm({ referrals: ['education', 'medical'] }));
    expect(household.id).toMatch(/^HH-379901-[0-9a-f]{20}$/);
    const suffix = household.id.slice('HH-379901-'.length);
    const dibao = childOf(household, 'dibao');
    const help = childOf(household, 'temporaryHelp');
    expect([dibao, help]).toEqual([`DB-379901-${suffix}`, `LS-379901-${suffix}`]);
    expect(household.status).toBe('inProgress');
    expect(household.children).toEqual([
      expect.objectContaining({ kind: 'program', code: 'dibao', start: 'started', status: 'active', step: 'intake' }),
      expect.objectContaining({ kind: 'program', code: 'temporaryHelp', start: 'started', status: 'active' }),
      expect.objectContaining({
        kind: 'referral',
        code: 'education',
        start: 'started',
        caseId: `ZJJY-379901-${suffix}`,
        status: 'active',
        step: 'sent',
      }),
      expect.objectContaining({ kind: 'referral', code: 'medical', start: 'started', caseId: `ZJYL-379901-${suffix}` }),
    ]);

    // Each referral waits in its own department's inbox, naming the household's dibao case as its source
    const inbox = await api.call('GET', '/api/referrals/inbox', actors.department('education', orgs));
    const referral = inbox.body.items.find((r: { id: string }) => r.id === `ZJJY-379901-${suffix}`);
    expect(referral).toBeDefined();
    const referralCase = (
      await api.call('GET', `/api/referrals/ZJJY-379901-${suffix}`, actors.department('education', orgs))
    ).body;
    expect(referralCase).toMatchObject({ program: 'referral', step: 'sent' });
    const medicalInbox = await api.call('GET', '/api/referrals/inbox', actors.department('medical', orgs));
    expect(medicalInbox.body.items.map((r: { id: string }) => r.id)).toContain(`ZJYL-379901-${suffix}`);
    expect(medicalInbox.body.items.map((r: { id: string }) => r.id)).not.toContain(`ZJJY-379901-${suffix}`);

    // Each child is a case of its own program, with the household's form
    const dibaoCase = (await api.call('GET', `/api/applications/${dibao}`, window)).body;
    const helpCase = (await api.call('GET', `/api/applications/${help}`, window)).body;
    expect(dibaoCase).toMatchObject({ program: 'dibao', status: 'active' });
    expect(helpCase).toMatchObject({ program: 'temporaryHelp', status: 'active' });

    // One pledge for the household; each child's application is filed under it
    const pledges = await stack.pool.query('SELECT count(*)::int AS n FROM pledges WHERE case_id = ANY($1)', [
      [dibao, help],
    ]);
    expect(pledges.rows[0].n).toBe(0);
    const householdPledges = await stack.pool.query(
      'SELECT signer_id_number FROM household_pledges WHERE household_id = $1',
      [household.id]
    );
    expect(householdPledges.rows).toHaveLength(1);
    const filed = await stack.pool.query('SELECT case_id FROM applications WHERE household_id = $1 ORDER BY case_id', [
      household.id,
    ]);
    expect(filed.rows.map((r) => r.case_id)).toEqual(
      [dibao, help, `ZJJY-379901-${suffix}`, `ZJYL-379901-${suffix}`].sort()
    );
    for (const id of [dibao, help]) {
      const integrity = await api.call('GET', `/api/applications/${id}/integrity`, township);
      expect(integrity.body.pledge).toMatchObject({ signerName: '张三', recordedBy: window.userId });
    }

    // One timeline for the household: every child's lines, in time order
    const { timeline } = await readHousehold(household.id);
    expect(new Set(timeline.map((t: { caseId: string }) => t.caseId))).toEqual(
      new Set([dibao, help, `ZJJY-379901-${suffix}`, `ZJYL-379901-${suffix}`])
    );
    const times = timeline.map((t: { at: string }) => t.at);
    expect(times).toEqual([...times].sort());
    expect(timeline.filter((t: { event: string }) => t.event === 'SUBMIT')).toHaveLength(4);
    expect(timeline[0]).toMatchObject({
      event: 'SUBMIT',
      labelZh: expect.any(String),
      childLabelZh: expect.any(String),
    });

    const children = await api.call('GET', `/api/household-applications/${household.id}/children`, window);
    expect(children.body.items.map((c: { code: string }) => c.code)).toEqual([
      'dibao',
      'temporaryHelp',
      'education',
      'medical',
    ]);
  });

  it('ends a declined child while its sibling goes on', async () => {
    const household = await startHousehold();
    const dibao = childOf(household, 'dibao');
    const help = childOf(household, 'temporaryHelp');
    expect((await send(dibao, { type: 'DECLINE', reasons: ['非本辖区户籍'] })).status).toBe(200);

    const afterDecline = await readHousehold(household.id);
    expect(afterDecline.status).toBe('inProgress');
    const [declined, running] = afterDecline.children;
    expect(declined).toMatchObject({
      code: 'dibao',
      status: 'done',
      decision: expect.objectContaining({ kind: 'notAccepted' }),
    });
    expect(running).toMatchObject({ code: 'temporaryHelp', status: 'active', step: 'intake' });

    const accepted = await send(help, { type: 'ACCEPT' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.step).not.toBe('intake');
    expect((await readHousehold(household.id)).children[1]).toMatchObject({
      status: 'active',
      step: accepted.body.step,
    });
  });

  it('merges the children’s notices of missing materials and takes each document once for all', async () => {
    const household = await startHousehold();
    const dibao = childOf(household, 'dibao');
    const help = childOf(household, 'temporaryHelp');
    expect(household.missingMaterials).toEqual({ items: [], noticeZh: null });
    expect(
      (await send(dibao, { type: 'REQUEST_MISSING_MATERIALS', items: ['incomeProof', 'marriageCertificate'] })).status
    ).toBe(200);
    expect(
      (await send(help, { type: 'REQUEST_MISSING_MATERIALS', items: ['incomeProof', 'medicalRecords'] })).status
    ).toBe(200);

    const notice = (await readHousehold(household.id)).missingMaterials;
    expect(notice.items).toEqual([
      { code: 'incomeProof', labelZh: '收入证明', programs: ['dibao', 'temporaryHelp'], caseIds: [dibao, help] },
      { code: 'medicalRecords', labelZh: '病历及医疗费用票据', programs: ['temporaryHelp'], caseIds: [help] },
      { code: 'marriageCertificate', labelZh: '婚姻状况证明', programs: ['dibao'], caseIds: [dibao] },
    ]);
    expect(notice.noticeZh.match(/收入证明/g)).toHaveLength(1);

    const supplied = await api.call('POST', `/api/household-applications/${household.id}/materials`, window, {
      items: ['incomeProof', 'marriageCertificate', 'medicalRecords'],
    });
    expect(supplied.status).toBe(200);
    expect(supplied.body.suppliedTo).toEqual([dibao, help]);
    expect(supplied.body.household.missingMaterials).toEqual({ items: [], noticeZh: null });
    for (const id of [dibao, help]) {
      const view = (await api.call('GET', `/api/applications/${id}`, window)).body;
      expect(view.summary.materials).toEqual(expect.arrayContaining(['incomeProof']));
      expect(view.allowedEvents.map((e: { type: string }) => e.type)).toContain('ACCEPT');
    }

    // Nobody waits for materials any more
    const again = await api.call('POST', `/api/household-applications/${household.id}/materials`, window, {
      items: ['incomeProof'],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.allowedEvents).toEqual([]);
  });
});

describe('household applications / referral to another program (转其他救助)', () => {
  it('a home visit that refers the household to 特困 opens that case under the same household', async () => {
    const household = await startHousehold(
      householdForm({ programs: ['dibao'], referrals: [], temporaryHelp: undefined })
    );
    const dibao = childOf(household, 'dibao');
    expect((await send(dibao, { type: 'ACCEPT' })).status).toBe(200);
    const visited = await send(
      dibao,
      { type: 'RECORD_HOME_VISIT', ...homeVisit, verdict: 'referOther', referTo: 'tekun' },
      township
    );
    expect(visited.status).toBe(200);

    const tekun = dibao.replace(/^DB-/, 'TK-');
    const joined = await eventually(async () => {
      const view = await readHousehold(household.id);
      return view.children.some((c: { caseId: string | null }) => c.caseId === tekun) ? view : undefined;
    }, 20_000);
    expect(joined.children).toEqual([
      expect.objectContaining({ code: 'dibao', caseId: dibao }),
      expect.objectContaining({ kind: 'program', code: 'tekun', caseId: tekun, start: 'started', status: 'active' }),
    ]);
    // Filed under the household, sharing its pledge: no new intake, no second pledge. The household
    // shows the child once it started; the child's own first record lands a moment later.
    const rows = await eventually(async () => {
      const { rows: found } = await stack.pool.query('SELECT household_id FROM applications WHERE case_id = $1', [
        tekun,
      ]);
      return found.length > 0 ? found : undefined;
    });
    expect(rows).toEqual([{ household_id: household.id }]);
    const integrity = await api.call('GET', `/api/applications/${tekun}/integrity`, township);
    expect(integrity.body.pledge).toMatchObject({ recordedBy: window.userId });
  });
});

describe('household applications / idempotency and errors', () => {
  it('returns the same household for a retried request and refuses the key for another form', async () => {
    const key = freshKey();
    const form = householdForm({ referrals: [] });
    const first = await startHousehold(form, key);
    const retried = await api.call('POST', '/api/household-applications', window, form, { 'Idempotency-Key': key });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(first.id);
    expect(retried.body.children.map((c: { caseId: string }) => c.caseId)).toEqual(
      first.children.map((c: { caseId: string }) => c.caseId)
    );
    const other = await api.call(
      'POST',
      '/api/household-applications',
      window,
      householdForm({ programs: ['dibao'] }),
      {
        'Idempotency-Key': key,
      }
    );
    expect(other.status).toBe(409);
  });

  it('refuses bad input with field paths', async () => {
    const none = await api.call(
      'POST',
      '/api/household-applications',
      window,
      householdForm({ programs: [], referrals: [] })
    );
    expect(none.status).toBe(400);
    expect(none.body.error.issues).toContainEqual({
      path: 'body.programs',
      message: '请至少选择一个救助项目或转介事项',
    });

    const noClaim = await api.call(
      'POST',
      '/api/household-applications',
      window,
      householdForm({ temporaryHelp: undefined })
    );
    expect(noClaim.status).toBe(400);
    expect(noClaim.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.temporaryHelp']);

    const twice = await api.call(
      'POST',
      '/api/household-applications',
      window,
      householdForm({ programs: ['dibao', 'dibao'] })
    );
    expect(twice.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.programs']);

    const badKey = await api.call('POST', '/api/household-applications', window, householdForm(), {
      'Idempotency-Key': 'no',
    });
    expect(badKey.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['headers.idempotency-key']);

    expect((await api.call('GET', '/api/household-applications/nonsense', window)).status).toBe(400);
    expect((await api.call('GET', `/api/household-applications/HH-379901-${'0'.repeat(20)}`, window)).status).toBe(404);
  });

  it('describes its paths in the OpenAPI document', async () => {
    const res = await api.call('GET', '/api/openapi.json', null);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/needs-assessment',
        '/api/household-applications',
        '/api/household-applications/{id}',
        '/api/household-applications/{id}/children',
        '/api/household-applications/{id}/materials',
      ])
    );
    const start = res.body.paths['/api/household-applications'].post;
    expect(start.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['programs', 'household', 'pledgeSigned'])
    );
  });

  it('keeps other townships out', async () => {
    const household = await startHousehold(
      householdForm({ referrals: [], programs: ['dibao'], temporaryHelp: undefined })
    );
    expect((await api.call('GET', `/api/household-applications/${household.id}`, otherWindow)).status).toBe(403);
    expect((await api.call('POST', '/api/household-applications', otherWindow, householdForm())).status).toBe(403);
  });
});
