/**
 * Personal data over the real stack: ID, phone and account numbers are served in full to the roles
 * handling a case and masked to everyone else and in every list; a supervisor reads only with a
 * stated purpose; every read of a household's personal data leaves exactly one access-log row
 * (who, what, why, full or masked, and no personal value in it), written before the response — a
 * read whose row cannot be written is refused; and the supervisor's view of the log is scoped to
 * their org and paged. Township 379901241 and payment county 379181.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { maskBankAccount, maskIdNumber, maskPhone } from '../../definitions/access';
import type { HouseholdApplicationInput } from '../../definitions/intake/householdForm';
import { periodOf } from '../../definitions/payments';
import type { ReferralRequest } from '../../definitions/referral';
import type { ApplicationInput } from '../../definitions/shared/application';
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, townshipOrgs } from '../support/factories';
import { bankLines, countyOrgs, financeOf, paymentCounty, runToExported, seedEntitlements } from '../support/payments';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';
import { testEnvironment } from '../support/environment';

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('241');
const window = actors.window(orgs);
const township = actors.township(orgs);
const village = actors.village(orgs);
const county = actors.county(orgs);
const supervisor = actors.supervisor(orgs);
const medical = actors.department('medical', orgs);
const finance = financeOf(orgs.county, 'fin-acl');
const otherCountySupervisor: Person = { ...supervisor, userId: 'supervisor-elsewhere', org: '379902' };
const otherTownshipSupervisor: Person = {
  ...supervisor,
  userId: 'supervisor-other-township',
  org: `${orgs.county}242`,
};

/** This file's own people, so no other file's cases or risk rules share them. */
const ids = {
  applicant: withCheckCharacter('37090219660304241'),
  spouse: withCheckCharacter('37090219680709242'),
  relative: withCheckCharacter('37090219500102243'),
};
const phone = '13924100241';
const account = '6228480024100241024';
const rawValues = [ids.applicant, ids.spouse, ids.relative, phone, account];

const PURPOSE = '核查群众举报线索';
const withPurpose = (path: string, purpose = PURPOSE) =>
  `${path}${path.includes('?') ? '&' : '?'}purpose=${encodeURIComponent(purpose)}`;

function application(): ApplicationInput {
  const base = anApplication({ orgs });
  const [self, spouse] = base.household.members;
  return {
    ...base,
    applicant: { name: '周一', idNumber: ids.applicant, phone },
    household: {
      ...base.household,
      members: [
        { ...self!, name: '周一', idNumber: ids.applicant, birthDate: '1966-03-04' },
        { ...spouse!, name: '吴二', idNumber: ids.spouse, birthDate: '1968-07-09' },
      ],
    },
    payee: { holderName: '周一', bankName: '某农商银行', accountNumber: account },
  };
}

const referralRequest = (): ReferralRequest => ({
  department: 'medical',
  orgs,
  reason: '家中老人长期患病，需医疗救助',
  applicant: { name: '周一', idNumber: ids.applicant, phone, address: '某村241号' },
});

let caseId: string;
let referralId: string;
let householdId: string;

beforeAll(async () => {
  stack = await openStack('access-log');
  await stack.startWorker();
  api = await startApi(stack);
  const started = await api.call('POST', '/api/applications', window, application());
  expect(started.status).toBe(201);
  caseId = started.body.id;
  const referral = await api.call('POST', '/api/referrals', township, referralRequest());
  expect(referral.status).toBe(201);
  referralId = referral.body.id;
  const { program: _program, ...form } = application();
  const household: HouseholdApplicationInput = { ...form, programs: ['dibao'], referrals: [] };
  const started2 = await api.call('POST', '/api/household-applications', window, household, {
    'idempotency-key': `acl-${randomUUID()}`,
  });
  expect(started2.status).toBe(201);
  householdId = started2.body.id;
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

interface LogRow {
  user_id: string;
  role: string;
  org: string;
  department: string | null;
  kind: string;
  case_id: string | null;
  household_id: string | null;
  cycle_id: string | null;
  scope_org: string;
  purpose: string | null;
  request_id: string | null;
  served: string;
}

/** The log rows of one thing read, by one person. */
async function rowsOf(what: { caseId?: string; householdId?: string; cycleId?: string }, person: Person) {
  const { rows } = await stack.pool.query<LogRow>(
    `SELECT user_id, role, org, department, kind, case_id, household_id, cycle_id, scope_org, purpose, request_id, served
       FROM access_log
      WHERE (case_id = $1 OR household_id = $2 OR cycle_id = $3) AND user_id = $4 AND role = $5 AND org = $6
      ORDER BY id`,
    [what.caseId ?? null, what.householdId ?? null, what.cycleId ?? null, person.userId, person.role, person.org]
  );
  return rows;
}

/** Runs a read and returns the log rows it added for that person and thing. */
async function logged(read: () => Promise<{ status: number }>, what: Parameters<typeof rowsOf>[0], person: Person) {
  const before = (await rowsOf(what, person)).length;
  const res = await read();
  expect(res.status).toBe(200);
  return (await rowsOf(what, person)).slice(before);
}

const bodyText = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));
const expectNoRawValue = (body: unknown) => {
  for (const value of rawValues) expect(bodyText(body)).not.toContain(value);
};

describe('personal data / masked by default', () => {
  it('a case view: full to the window, township and county handling it, masked to village staff, none to finance', async () => {
    // A referral is a case too, and its view names the person: read it as a case.
    const path = `/api/applications/${referralId}`;
    for (const reader of [window, township, county]) {
      const res = await api.call('GET', path, reader);
      expect([reader.role, res.status, res.headers.get('x-yilian-personal-data')]).toEqual([reader.role, 200, 'full']);
      expect(res.body.summary.applicant).toMatchObject({ idNumber: ids.applicant, phone });
    }
    const masked = await api.call('GET', path, village);
    expect([masked.status, masked.headers.get('x-yilian-personal-data')]).toEqual([200, 'masked']);
    expect(masked.body.summary.applicant).toMatchObject({
      idNumber: maskIdNumber(ids.applicant),
      phone: '139****0241',
    });
    expect(masked.body.summary.applicant.name).toBe('周一');
    expectNoRawValue(masked.body);
    // Finance handle payments, not case files (least privilege): refused before anything is read.
    const refused = await api.call('GET', path, finance);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ROLE_NOT_PERMITTED']);
  });

  it('a referral: full to its department and its sender, masked to the county approver; the inbox shows neither', async () => {
    for (const reader of [medical, township]) {
      const res = await api.call('GET', `/api/referrals/${referralId}`, reader);
      expect(res.headers.get('x-yilian-personal-data')).toBe('full');
      expect(res.body.summary.applicant).toMatchObject({ idNumber: ids.applicant, phone });
    }
    const res = await api.call('GET', `/api/referrals/${referralId}`, county);
    expect(res.headers.get('x-yilian-personal-data')).toBe('masked');
    expect(res.body.summary.applicant.phone).toBe(maskPhone(phone));
    expectNoRawValue(res.body);
    const inbox = await api.call('GET', '/api/referrals/inbox', medical);
    expect(inbox.body.items.some((r: { id: string }) => r.id === referralId)).toBe(true);
    expectNoRawValue(inbox.body);
  });

  it('lists — cases, tasks, dishonesty records, the staff-relatives register — never show a full number', async () => {
    const recorded = await api.call('POST', '/api/integrity/records', supervisor, {
      countyCode: orgs.county,
      applicantIdNumber: ids.applicant,
      idNumbers: [ids.spouse],
      reasonZh: '隐瞒收入骗取救助',
    });
    expect(recorded.status).toBe(201);
    const registered = await api.call('POST', '/api/supervision/staff-relatives', supervisor, {
      entries: [
        {
          staffUserId: 'cw-241',
          staffName: '钱干部',
          staffOrg: orgs.township,
          relativeIdNumber: ids.relative,
          relation: '配偶',
        },
      ],
    });
    expect(registered.status).toBe(201);

    const records = await api.call('GET', `/api/integrity/records?idNumber=${ids.applicant}`, county);
    expect(records.body.items[0]).toMatchObject({
      applicantIdNumber: maskIdNumber(ids.applicant),
      idNumbers: expect.arrayContaining([maskIdNumber(ids.spouse)]),
    });
    const relatives = await api.call('GET', '/api/supervision/staff-relatives', supervisor);
    expect(relatives.body.items.find((r: { staffUserId: string }) => r.staffUserId === 'cw-241')).toMatchObject({
      relativeIdNumber: maskIdNumber(ids.relative),
    });
    const lists = [
      records,
      relatives,
      await api.call('GET', `/api/cases?org=${orgs.township}`, township),
      await api.call('GET', '/api/tasks', township),
      await api.call('GET', `/api/supervision/risks?org=${orgs.township}`, supervisor),
    ];
    for (const list of lists) {
      expect(list.status).toBe(200);
      expectNoRawValue(list.body);
    }
  });

  it('the verification report: full to the township and county; a supervisor states a purpose first', async () => {
    const path = `/api/applications/${caseId}/verification`;
    for (const reader of [township, county]) {
      const res = await api.call('GET', path, reader);
      expect([res.status, res.headers.get('x-yilian-personal-data')]).toEqual([200, 'full']);
    }
    const refused = await api.call('GET', path, supervisor);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([expect.objectContaining({ path: 'query.purpose' })]);
    const read = await api.call('GET', withPurpose(path), supervisor);
    expect([read.status, read.headers.get('x-yilian-personal-data')]).toEqual([200, 'full']);
  });

  it('the bank file: as sent to the bank for finance, with masked accounts for the county approver', async () => {
    const payCounty = paymentCounty('83');
    const maker = financeOf(payCounty, 'fin-maker');
    const checker = financeOf(payCounty, 'fin-checker');
    await seedEntitlements(stack.pool, payCounty, 2, { startPeriod: periodOf(new Date()) });
    const { id, file } = await runToExported(api, payCounty, periodOf(new Date()), maker, checker);
    const path = `/api/payment-cycles/${id}/bank-file`;

    const full = await api.call('GET', path, checker);
    expect(full.body).toBe(file);
    expect(full.headers.get('x-content-sha256')).toMatch(/^[0-9a-f]{64}$/);
    const approver = actors.county(countyOrgs(payCounty));
    const maskedFile = await api.call('GET', path, approver);
    expect(maskedFile.status).toBe(200);
    expect(maskedFile.headers.get('x-yilian-personal-data')).toBe('masked');
    expect(maskedFile.headers.get('x-content-sha256')).toBeNull();
    const accounts = bankLines(file).map((l) => l.accountNumber);
    expect(bankLines(maskedFile.body).map((l) => l.accountNumber)).toEqual(accounts.map(maskBankAccount));
    for (const accountNumber of accounts) expect(maskedFile.body).not.toContain(accountNumber);
    expect(bankLines(maskedFile.body).map((l) => l.amount)).toEqual(bankLines(file).map((l) => l.amount));

    const countySupervisor = actors.supervisor(countyOrgs(payCounty));
    expect((await api.call('GET', path, countySupervisor)).status).toBe(400);
    const rows = await logged(
      () => api.call('GET', withPurpose(path), countySupervisor),
      { cycleId: id },
      countySupervisor
    );
    expect(rows).toEqual([expect.objectContaining({ kind: 'bankFile', served: 'full', purpose: PURPOSE })]);
    expect(await rowsOf({ cycleId: id }, checker)).toEqual([
      expect.objectContaining({ kind: 'bankFile', served: 'full', scope_org: payCounty, purpose: null }),
    ]);
    expect(await rowsOf({ cycleId: id }, approver)).toEqual([expect.objectContaining({ served: 'masked' })]);
  });
});

describe('personal data / the access log', () => {
  it('records each kind of read once: who, their role and org, what, and whether values were full or masked', async () => {
    const reads: { path: string; person: Person; what: Parameters<typeof rowsOf>[0]; kind: string; served: string }[] =
      [
        { path: `/api/applications/${caseId}`, person: township, what: { caseId }, kind: 'caseView', served: 'full' },
        { path: `/api/applications/${caseId}`, person: village, what: { caseId }, kind: 'caseView', served: 'masked' },
        {
          path: `/api/applications/${caseId}/verification`,
          person: county,
          what: { caseId },
          kind: 'verificationReport',
          served: 'full',
        },
        {
          path: `/api/applications/${caseId}/integrity`,
          person: township,
          what: { caseId },
          kind: 'integrity',
          served: 'full',
        },
        {
          path: `/api/household-applications/${householdId}`,
          person: window,
          what: { householdId },
          kind: 'household',
          served: 'full',
        },
        {
          path: `/api/household-applications/${householdId}/children`,
          person: village,
          what: { householdId },
          kind: 'household',
          served: 'masked',
        },
        {
          path: `/api/referrals/${referralId}`,
          person: medical,
          what: { caseId: referralId },
          kind: 'referral',
          served: 'full',
        },
      ];
    for (const read of reads) {
      const rows = await logged(() => api.call('GET', read.path, read.person), read.what, read.person);
      expect([read.path, rows]).toEqual([
        read.path,
        [
          expect.objectContaining({
            user_id: read.person.userId,
            role: read.person.role,
            org: read.person.org,
            kind: read.kind,
            case_id: read.what.caseId ?? null,
            household_id: read.what.householdId ?? null,
            scope_org: orgs.village,
            purpose: null,
            served: read.served,
          }),
        ],
      ]);
    }
    const department = await rowsOf({ caseId: referralId }, medical);
    expect(department.at(-1)?.department).toBe('medical');
  });

  it('refuses a supervisor’s read without a purpose (400, no row), and logs it with the purpose given', async () => {
    const path = `/api/applications/${caseId}`;
    const before = (await rowsOf({ caseId }, supervisor)).length;
    const refused = await api.call('GET', path, supervisor);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([{ path: 'query.purpose', message: expect.stringContaining('用途') }]);
    const quoting = await api.call('GET', withPurpose(path, `核查${ids.applicant}举报`), supervisor);
    expect(quoting.status).toBe(400);
    expect(quoting.body.error.issues[0].path).toBe('query.purpose');
    expect(await rowsOf({ caseId }, supervisor)).toHaveLength(before);

    const rows = await logged(() => api.call('GET', withPurpose(path), supervisor), { caseId }, supervisor);
    expect(rows).toEqual([expect.objectContaining({ kind: 'caseView', purpose: PURPOSE, served: 'full' })]);
    for (const kindPath of [`${path}/integrity`, `/api/household-applications/${householdId}`]) {
      expect((await api.call('GET', kindPath, supervisor)).status).toBe(400);
    }
  });

  it('keeps the request id the gateway sent', async () => {
    const requestId = `req-${randomUUID()}`;
    await api.call('GET', `/api/applications/${caseId}`, township, undefined, { 'x-request-id': requestId });
    const { rows } = await stack.pool.query('SELECT kind, case_id FROM access_log WHERE request_id = $1', [requestId]);
    expect(rows).toEqual([{ kind: 'caseView', case_id: caseId }]);
  });

  it('refuses the read (503, nothing served) when its row cannot be written', async () => {
    const refuse = `acl-refuse-${randomUUID()}`;
    const name = `access_log_refuse_${randomUUID().replace(/-/g, '')}`;
    // Refuses only this test's rows (by request id): other files write the log at the same time. The
    // schema is the owner's to change, not the app's.
    const owner = new Pool({ connectionString: testEnvironment().ownerDatabaseUrl, max: 1 });
    await owner.query(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.request_id = '${refuse}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
         RETURN NEW;
       END $$`
    );
    await owner.query(`CREATE TRIGGER ${name} BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    try {
      const res = await api.call('GET', `/api/referrals/${referralId}`, medical, undefined, { 'x-request-id': refuse });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('UNAVAILABLE');
      expect(res.body.error.message).toContain('查询留痕');
      expectNoRawValue(res.body);
    } finally {
      await owner.query(`DROP TRIGGER ${name} ON access_log`);
      await owner.query(`DROP FUNCTION ${name}()`);
      await owner.end();
    }
  });

  it('holds no ID number, phone or account number in any row, and refuses to be changed', async () => {
    const { rows } = await stack.pool.query<{ row: string }>('SELECT access_log::text AS row FROM access_log');
    expect(rows.length).toBeGreaterThan(0);
    for (const { row } of rows) for (const value of rawValues) expect(row).not.toContain(value);
    // The app may only add rows (its grants); even the owner cannot change them (the table's triggers).
    await expect(stack.pool.query(`UPDATE access_log SET purpose = 'x' WHERE case_id = $1`, [caseId])).rejects.toThrow(
      /permission denied/
    );
    const owner = new Pool({ connectionString: testEnvironment().ownerDatabaseUrl, max: 1 });
    try {
      await expect(owner.query(`UPDATE access_log SET purpose = 'x' WHERE case_id = $1`, [caseId])).rejects.toThrow(
        /append-only/
      );
      await expect(owner.query('DELETE FROM access_log WHERE case_id = $1', [caseId])).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });
});

describe('personal data / the supervisor’s view of the access log', () => {
  it('lists the reads of the supervisor’s own org, and none to a supervisor of another county or township', async () => {
    await api.call('GET', `/api/applications/${caseId}`, county);
    const own = await api.call('GET', `/api/access-log?caseId=${caseId}`, supervisor);
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(3);
    expect(own.body.items[0]).toMatchObject({ caseId, kind: 'caseView', userId: county.userId, served: 'full' });
    for (const outsider of [otherCountySupervisor, otherTownshipSupervisor]) {
      const res = await api.call('GET', `/api/access-log?caseId=${caseId}`, outsider);
      expect([outsider.org, res.status, res.body.items]).toEqual([outsider.org, 200, []]);
    }
    expect((await api.call('GET', '/api/access-log', county)).status).toBe(403);
    expectNoRawValue(own.body);
  });

  it('filters by user, kind and China dates, and pages newest first without gaps or repeats', async () => {
    const all = await api.call('GET', `/api/access-log?caseId=${caseId}&limit=200`, supervisor);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; nextCursor: string | null } } = await api.call(
        'GET',
        `/api/access-log?caseId=${caseId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        supervisor
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((i: { id: number }) => i.id));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);

    const byVillage = await api.call('GET', `/api/access-log?caseId=${caseId}&userId=${village.userId}`, supervisor);
    expect(byVillage.body.items.length).toBeGreaterThan(0);
    expect(byVillage.body.items.every((i: { userId: string }) => i.userId === village.userId)).toBe(true);
    const reports = await api.call('GET', `/api/access-log?caseId=${caseId}&kind=verificationReport`, supervisor);
    expect(reports.body.items.length).toBeGreaterThan(0);
    expect(reports.body.items.every((i: { kind: string }) => i.kind === 'verificationReport')).toBe(true);

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const during = await api.call('GET', `/api/access-log?caseId=${caseId}&from=${today}&to=${today}`, supervisor);
    expect(during.body.items.length).toBe(Math.min(all.body.items.length, 50));
    const before = await api.call('GET', `/api/access-log?caseId=${caseId}&to=2020-01-01`, supervisor);
    expect(before.body.items).toEqual([]);
  });

  it('is described in the OpenAPI document, and so is the purpose of every logged read', async () => {
    const { body } = await api.call('GET', '/api/openapi.json', null);
    const names = (op: { parameters: { name: string }[] }) => op.parameters.map((p) => p.name);
    expect(names(body.paths['/api/access-log'].get)).toEqual(
      expect.arrayContaining(['caseId', 'userId', 'kind', 'from', 'to', 'limit', 'cursor'])
    );
    for (const path of [
      '/api/applications/{id}',
      '/api/applications/{id}/verification',
      '/api/applications/{id}/integrity',
      '/api/household-applications/{id}',
      '/api/referrals/{id}',
      '/api/payment-cycles/{id}/bank-file',
    ]) {
      expect([path, names(body.paths[path].get)]).toEqual([path, expect.arrayContaining(['purpose'])]);
    }
  });

  it('refuses a bad filter or cursor with its field path', async () => {
    for (const [query, path] of [
      ['kind=everything', 'query.kind'],
      ['from=2026-02-30', 'query.from'],
      ['from=2026-12-02&to=2026-12-01', 'query.to'],
      ['cursor=not-a-cursor', 'query.cursor'],
    ]) {
      const res = await api.call('GET', `/api/access-log?${query}`, supervisor);
      expect([query, res.status, res.body.error.issues[0].path]).toEqual([query, 400, path]);
    }
  });
});
