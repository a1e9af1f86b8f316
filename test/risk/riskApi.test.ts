/**
 * Risk warnings and the integrity register over the real stack: warnings raised when an
 * application is submitted and by the periodic sweep, moved by supervisors through the API, and
 * dishonesty records made by an untruthful home visit and shown on the household's next application.
 */
import { maskIdNumber } from '../../definitions/access';
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { ApplicationInput } from '../../definitions/shared/application';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

// This file's own township, so its lists see only its cases.
const orgs = townshipOrgs('081');
const window = actors.window(orgs);
const township = actors.township(orgs);
const supervisor = actors.supervisor(orgs);
const inTownship = `org=${orgs.township}`;

beforeAll(async () => {
  stack = await openStack('risk');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

/** People no other test file uses: random birth dates in the 1950s–80s. */
let serial = 0;
function newPerson(name: string) {
  serial += 1;
  const year = 1950 + Math.floor(Math.random() * 40);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(10 + Math.floor(Math.random() * 18)).padStart(2, '0');
  return { name, idNumber: withCheckCharacter(`370902${year}${month}${day}${String(serial).padStart(3, '0')}`) };
}

type Member = NonNullable<ApplicationInput['household']>['members'][number];
const member = (p: { name: string; idNumber: string }, relation: Member['relation']): Member => ({
  ...p,
  relation,
  birthDate: `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`,
  employment: 'unemployed',
});

async function apply(people: { name: string; idNumber: string }[]): Promise<string> {
  const [head, ...rest] = people;
  const application = anApplication({
    orgs,
    applicant: { name: head!.name, idNumber: head!.idNumber },
    household: {
      address: '泰山区某村8号',
      members: [member(head!, 'self'), ...rest.map((p) => member(p, 'spouse'))],
    },
  });
  const started = await api.call('POST', '/api/applications', window, application);
  expect(started.status).toBe(201);
  return started.body.id as string;
}

const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

async function warningsOf(caseId: string, rule: string, atLeast = 1) {
  return eventually(
    async () => {
      const res = await api.call(
        'GET',
        `/api/supervision/risks?${inTownship}&caseId=${caseId}&rule=${rule}`,
        supervisor
      );
      expect(res.status).toBe(200);
      return res.body.items.length >= atLeast ? (res.body.items as Record<string, unknown>[]) : undefined;
    },
    20_000,
    `${rule} warning on ${caseId}`
  );
}

describe('risk warnings / a person in two households', () => {
  const shared = newPerson('共同成员');
  let first: string;
  let second: string;

  beforeAll(async () => {
    first = await apply([newPerson('甲户主'), shared]);
    second = await apply([newPerson('乙户主'), shared]);
  });

  it('warns on the second application, naming the shared person and the first case', async () => {
    const [warning] = await warningsOf(second, 'sharedMember');
    expect(warning).toMatchObject({
      caseId: second,
      rule: 'sharedMember',
      ruleLabelZh: '同一人员重复在办',
      // A list: the person's ID number masked (the reviewer sees it in full on the application).
      subject: { kind: 'person', key: maskIdNumber(shared.idNumber) },
      relatedCaseIds: [first],
      state: 'open',
      allowedMoves: ['acknowledge'],
      version: 0,
    });
    expect(warning!.explanationZh).toEqual(expect.stringContaining('共同成员'));
  });

  it('shows the warning to the reviewer on the application', async () => {
    const res = await api.call('GET', `/api/applications/${second}/integrity`, township);
    expect(res.status).toBe(200);
    expect(res.body.riskWarnings.map((w: { rule: string }) => w.rule)).toContain('sharedMember');
    expect(res.body.riskWarnings.map((w: { subject: { key: string } }) => w.subject.key)).toContain(shared.idNumber);
    expect(res.body.pledge).toMatchObject({ signerName: '乙户主', recordedBy: window.userId });
  });

  it('moves open → acknowledged → resolved; a move out of order or at a stale version is a 409', async () => {
    const [warning] = await warningsOf(second, 'sharedMember');
    const path = `/api/supervision/risks/${String(warning!.id)}`;

    const early = await api.call('POST', `${path}/resolve`, supervisor, { version: 0, note: '已核实' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'RISK_MOVE_NOT_ALLOWED',
      state: 'open',
      allowedMoves: ['acknowledge'],
    });

    const acknowledged = await api.call('POST', `${path}/acknowledge`, supervisor, { version: 0, note: '核查中' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      state: 'acknowledged',
      version: 1,
      acknowledged: { by: supervisor.userId },
    });

    const again = await api.call('POST', `${path}/acknowledge`, supervisor, { version: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'RISK_MOVE_NOT_ALLOWED', allowedMoves: ['resolve'] });

    const stale = await api.call('POST', `${path}/resolve`, supervisor, { version: 0, note: '已核实' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('RISK_VERSION_STALE');

    const noNote = await api.call('POST', `${path}/resolve`, supervisor, { version: 1 });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.note']);

    const resolved = await api.call('POST', `${path}/resolve`, supervisor, { version: 1, note: '系重复登记，已更正' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      state: 'resolved',
      resolved: { note: '系重复登记，已更正' },
      allowedMoves: [],
    });

    const open = await api.call('GET', `/api/supervision/risks?${inTownship}&caseId=${second}&state=open`, supervisor);
    expect(open.body.items).toEqual([]);
  });

  it('the sweep warns on the first case too, and never duplicates or reopens the second case’s warning', async () => {
    const result = await stack.client.workflow.execute('riskSweepWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `risk-sweep-test-${Date.now()}`,
      // This county's cases only: other test files share the database and watch their own rows.
      args: [{ batchSize: 100, county: orgs.county }],
    });
    expect(result).toMatchObject({ failed: 0 });
    const [onFirst] = await warningsOf(first, 'sharedMember');
    expect(onFirst).toMatchObject({ relatedCaseIds: [second], state: 'open' });
    const res = await api.call('GET', `/api/supervision/risks?${inTownship}&caseId=${second}`, supervisor);
    expect(res.body.items.map((w: { state: string }) => w.state)).toEqual(['resolved']);
  });

  it('pages through the list with a cursor, and keeps township staff out', async () => {
    const page = await api.call('GET', `/api/supervision/risks?${inTownship}&limit=1`, supervisor);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    const next = await api.call(
      'GET',
      `/api/supervision/risks?${inTownship}&limit=1&cursor=${page.body.nextCursor}`,
      supervisor
    );
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    expect((await api.call('GET', '/api/supervision/risks', township)).status).toBe(403);
    const bad = await api.call('GET', `/api/supervision/risks?cursor=nonsense`, supervisor);
    expect(bad.status).toBe(400);
  });
});

describe('risk warnings / close relative of staff not declared', () => {
  it('warns on an application of a person the county registered as a staff relative', async () => {
    const relative = newPerson('亲属');
    const registered = await api.call('POST', '/api/supervision/staff-relatives', supervisor, {
      entries: [
        {
          staffUserId: 'cw-081',
          staffName: '孙干部',
          staffOrg: orgs.township,
          relativeIdNumber: relative.idNumber,
          relation: '配偶',
        },
      ],
    });
    expect(registered.status).toBe(201);
    const id = await apply([relative]);
    const [warning] = await warningsOf(id, 'undeclaredStaffRelative');
    expect(warning!.explanationZh).toEqual(expect.stringContaining('孙干部'));

    const outside = await api.call('POST', '/api/supervision/staff-relatives', supervisor, {
      entries: [
        {
          staffUserId: 'x',
          staffName: '外县',
          staffOrg: '370101',
          relativeIdNumber: relative.idNumber,
          relation: '子女',
        },
      ],
    });
    expect(outside.status).toBe(403);
  });
});

describe('integrity register / untruthful home visit', () => {
  const head = newPerson('丙户主');
  const spouse = newPerson('丙配偶');
  let first: string;

  beforeAll(async () => {
    first = await apply([head, spouse]);
    expect((await send(first, window, { type: 'ACCEPT' })).status).toBe(200);
    const visit = await send(first, township, {
      type: 'RECORD_HOME_VISIT',
      ...homeVisit,
      findings: '家中有未申报的营运车辆一辆',
      verdict: 'untruthful',
    });
    expect(visit.status).toBe(200);
  });

  it('records a dishonesty record naming the household, the case and the reason, expiring per config', async () => {
    const res = await api.call('GET', `/api/integrity/records?idNumber=${spouse.idNumber}`, supervisor);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const record = res.body.items[0];
    expect(record).toMatchObject({
      caseId: first,
      source: 'homeVisit',
      applicantIdNumber: maskIdNumber(head.idNumber),
      inForce: true,
      recordedBy: township.userId,
    });
    expect(record.idNumbers.sort()).toEqual([head.idNumber, spouse.idNumber].map(maskIdNumber).sort());
    expect(record.reasonZh).toContain('不属实');
    const months = (Date.parse(record.expiresAt) - Date.parse(record.createdAt)) / (30.44 * 86_400_000);
    expect(Math.round(months)).toBe(36);
  });

  it('shows the record on the household’s next application', async () => {
    expect((await send(first, window, { type: 'WITHDRAW', reason: '申请人撤回' })).status).toBe(200);
    const next = await apply([spouse, head]);
    const res = await api.call('GET', `/api/applications/${next}/integrity`, township);
    expect(res.status).toBe(200);
    expect(res.body.dishonestyRecords).toEqual([
      expect.objectContaining({ caseId: first, source: 'homeVisit', reasonZh: expect.stringContaining('营运车辆') }),
    ]);
    expect((await api.call('GET', `/api/applications/${next}/integrity`, window)).status).toBe(403);
  });

  it('lets a supervisor record one by hand, and checks what is sent', async () => {
    const person = newPerson('丁');
    const created = await api.call('POST', '/api/integrity/records', supervisor, {
      countyCode: orgs.county,
      applicantIdNumber: person.idNumber,
      reasonZh: '经查冒领救助金',
    });
    expect(created.status).toBe(201);
    const listed = await api.call('GET', `/api/integrity/records?idNumber=${person.idNumber}`, supervisor);
    expect(listed.body.items).toEqual([expect.objectContaining({ source: 'manual', reasonZh: '经查冒领救助金' })]);

    const invalid = await api.call('POST', '/api/integrity/records', supervisor, {
      countyCode: orgs.county,
      applicantIdNumber: '123',
      reasonZh: '',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.applicantIdNumber',
      'body.reasonZh',
    ]);
    expect((await api.call('POST', '/api/integrity/records', township, {})).status).toBe(403);
  });
});

describe('integrity register / data check finds undeclared property', () => {
  it('makes a dishonesty record from the check run, naming the run and what was found', async () => {
    const head = newPerson('戊户主');
    await stack.pool.query(
      `INSERT INTO registry_real_estate (record_ref, id_number, address, use, floor_area, assessed_value)
       VALUES ($1, $2, '泰山区某小区3号楼', 'residential', 90, 600000)`,
      [`BDC-081-${head.idNumber}`, head.idNumber]
    );
    const id = await apply([head]);
    expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);
    await checkRunsFinished(stack.commands, id);
    const res = await api.call('GET', `/api/integrity/records?caseId=${id}`, supervisor);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ caseId: id, source: 'dataCheck', sourceRef: 'run:1', recordedBy: 'system' }),
    ]);
    expect(res.body.items[0].reasonZh).toContain('不动产1套（申报0套）');
  });

  it('makes none when the check finds nothing undeclared', async () => {
    const id = await apply([newPerson('己户主')]);
    expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);
    await checkRunsFinished(stack.commands, id);
    const res = await api.call('GET', `/api/integrity/records?caseId=${id}`, supervisor);
    expect(res.body.items).toEqual([]);
  });
});

describe('integrity register / fraud decision', () => {
  it('makes a dishonesty record when the county rejects for fraud (骗取救助), with the reasons', async () => {
    const county = actors.county(orgs);
    const id = await apply([newPerson('庚户主')]);
    expect((await send(id, window, { type: 'ACCEPT' })).status).toBe(200);
    await checkRunsFinished(stack.commands, id);
    expect((await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
    expect((await send(id, township, { type: 'PROPOSE_APPROVAL', opinion: '拟同意' })).status).toBe(200);
    await eventually(
      async () => ((await stack.commands.readCase(id)).step === 'countyReview' ? true : undefined),
      20_000,
      'county review'
    );
    const rejected = await send(id, county, { type: 'REJECT', reasons: ['伪造收入证明'], fraud: true });
    expect(rejected.status).toBe(200);
    const res = await api.call('GET', `/api/integrity/records?caseId=${id}`, supervisor);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        source: 'fraudDecision',
        recordedBy: county.userId,
        reasonZh: expect.stringContaining('伪造收入证明'),
      }),
    ]);
  });
});
