/**
 * The published lists over the real stack: a case posted for public notice appears on its village's
 * notice list and an approved household on the recipients list, with masked names, in JSON and as
 * CSV for Excel, and never with an identity number, address or phone number.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/http/app';
import { chinaDate } from '../../definitions/calendar';
import type { CaseOrgs } from '../../definitions/shared/actors';
import { verifyAuditChain } from '../../db/auditChain';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, residentIds, testConfigEntries, townshipOrgs } from '../support/factories';
import { authHeadersFor } from '../support/credentials';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';
import { silentLogger } from '../../observability/logger';

// This file's own township, so the lists hold only its cases.
const orgs = townshipOrgs('061');
const otherVillage: CaseOrgs = { ...orgs, village: `${orgs.township}002` };
const window = actors.window(orgs);
const township = actors.township(orgs);
const village = actors.village(orgs);
const county = actors.county(orgs);
const supervisor = actors.supervisor(orgs);
/** Long enough that the notice is still posted while the lists are read. */
const LONG_NOTICE_SECONDS = 300;

let stack: Stack;
/** Cases started here are posted for LONG_NOTICE_SECONDS; through `short`, for 2 s. */
let long: Api;
let short: Api;
let noticeCase: { id: string; postedAt: string };
const approved: string[] = [];

interface Api {
  get(path: string, actor: Person | null): Promise<{ status: number; headers: Headers; text: string }>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  post(path: string, actor: Person, body: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

async function serve(noticeSeconds: number): Promise<Api> {
  const app = createApp({
    pool: stack.pool,
    client: stack.client,
    taskQueue: stack.taskQueue,
    extraConfigEntries: testConfigEntries(noticeSeconds),
    log: () => undefined,
    logger: silentLogger(),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async get(path, actor) {
      const response = await fetch(`${base}${path}`, { headers: actor ? await authHeadersFor(stack.pool, actor) : {} });
      // The raw bytes, so the CSV's byte-order mark is visible.
      const bytes = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, text: bytes.toString('latin1') };
    },
    async post(path, actor, body) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: await authHeadersFor(stack.pool, actor),
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see Api
const getJson = async (path: string, actor: Person | null): Promise<{ status: number; body: any }> => {
  const res = await long.get(path, actor);
  return { status: res.status, body: JSON.parse(utf8(res.text)) };
};

/** Drives a case through intake, investigation and first review into the public notice. */
async function toPublicNotice(api: Api, caseOrgs: CaseOrgs = orgs): Promise<{ id: string; postedAt: string }> {
  const started = await api.post('/api/applications', actors.window(caseOrgs), anApplication({ orgs: caseOrgs }));
  expect(started.status).toBe(201);
  const id: string = started.body.id;
  const send = (actor: Person, body: Record<string, unknown>) =>
    api.post(`/api/applications/${id}/events`, actor, body);
  expect((await send(actors.window(caseOrgs), { type: 'ACCEPT' })).status).toBe(200);
  await checkRunsFinished(stack.commands, id);
  expect((await send(actors.township(caseOrgs), { type: 'RECORD_HOME_VISIT', ...homeVisit })).status).toBe(200);
  const proposed = await send(actors.township(caseOrgs), { type: 'PROPOSE_APPROVAL', opinion: '符合条件，拟同意' });
  expect(proposed.body.step).toBe('publicNotice');
  const posting = proposed.body.timeline.find((t: { event: string }) => t.event === 'PROPOSE_APPROVAL');
  return { id, postedAt: posting.at };
}

/** A case through the 2 s notice to the county's approval at the computed amount. */
async function toPayment(): Promise<string> {
  const { id } = await toPublicNotice(short);
  await eventually(async () => ((await stack.commands.readCase(id)).step === 'countyReview' ? true : undefined));
  const res = await short.post(`/api/applications/${id}/events`, county, { type: 'APPROVE' });
  expect(res.body.step).toBe('inPayment');
  return id;
}

beforeAll(async () => {
  stack = await openStack('publication');
  await stack.startWorker();
  [long, short] = await Promise.all([serve(LONG_NOTICE_SECONDS), serve(2)]);
  const [posted, ...paid] = await Promise.all([toPublicNotice(long), toPayment(), toPayment()]);
  noticeCase = posted;
  approved.push(...paid);
  // A case of the township's other village, posted too: it must stay off the first village's list.
  await toPublicNotice(long, otherVillage);
}, 120_000);
afterAll(async () => {
  await long?.close();
  await short?.close();
  await stack?.close();
});

/** Everything that identifies or locates the test household, and must never be published. */
const secrets = [
  residentIds.applicant,
  residentIds.spouse,
  residentIds.child,
  anApplication().household.address,
  anApplication().applicant.phone ?? '13800000000',
  '张三',
  '李四',
  '张小三',
];

describe('GET /api/publication/notices', () => {
  it('lists the village’s cases in public notice: masked name, household size, proposed amount, notice end', async () => {
    const res = await getJson(`/api/publication/notices?village=${orgs.village}`, village);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          village: orgs.village,
          program: 'dibao',
          name: '张*',
          householdSize: 3,
          proposedMonthlyAmount: 2250,
          noticePostedAt: noticeCase.postedAt,
          noticeEndsAt: new Date(Date.parse(noticeCase.postedAt) + LONG_NOTICE_SECONDS * 1000).toISOString(),
        },
      ],
      nextCursor: null,
    });
  });

  it('shows the same list to the township, county and supervisor above the village', async () => {
    for (const actor of [township, county, supervisor]) {
      const res = await getJson(`/api/publication/notices?village=${orgs.village}`, actor);
      expect([actor.role, res.status, res.body.items.length]).toEqual([actor.role, 200, 1]);
    }
  });

  it('never contains an identity number, address, phone number or full name', async () => {
    for (const format of ['json', 'csv']) {
      const res = await long.get(`/api/publication/notices?village=${orgs.village}&format=${format}`, township);
      const text = utf8(res.text);
      expect(text).toContain('张*');
      for (const secret of secrets) expect([format, text.includes(secret)]).toEqual([format, false]);
    }
  });

  it('exports CSV with a UTF-8 byte-order mark and Chinese headers, for Excel', async () => {
    const res = await long.get(`/api/publication/notices?village=${orgs.village}&format=csv`, village);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('公示名单')}`);
    expect(res.text.slice(0, 3)).toBe('\xEF\xBB\xBF');
    const lines = utf8(res.text).slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('村（居）代码,救助项目,申请人,家庭人口,拟保障金额（元/月）,公示开始,公示截止');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(`^${orgs.village},最低生活保障,张\\*,3,2250,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2},`)
    );
  });

  it('refuses callers outside the village and requests without a valid village; the township window reads it', async () => {
    // The window takes objections in person during the notice.
    expect((await getJson(`/api/publication/notices?village=${orgs.village}`, window)).status).toBe(200);
    const otherWindow = actors.window(townshipOrgs('062'));
    expect((await getJson(`/api/publication/notices?village=${orgs.village}`, otherWindow)).status).toBe(403);
    const neighbour = actors.village(otherVillage);
    expect((await getJson(`/api/publication/notices?village=${orgs.village}`, neighbour)).status).toBe(403);
    const otherTownship = actors.township(townshipOrgs('062'));
    expect((await getJson(`/api/publication/notices?village=${orgs.village}`, otherTownship)).status).toBe(403);
    expect((await getJson(`/api/publication/notices?village=${orgs.village}`, null)).status).toBe(401);
    const missing = await getJson('/api/publication/notices', township);
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toEqual([{ path: 'query.village', message: '请指定村（居）代码 village' }]);
    const badFormat = await getJson(`/api/publication/notices?village=${orgs.village}&format=xls`, township);
    expect(badFormat.body.error.issues[0].path).toBe('query.format');
    const badProgram = await getJson(`/api/publication/notices?village=${orgs.village}&program=x`, township);
    expect(badProgram.body.error.issues[0].path).toBe('query.program');
  });

  it('narrows the notice to one program: a printed 公示 is per program', async () => {
    const dibao = await getJson(`/api/publication/notices?village=${orgs.village}&program=dibao`, village);
    expect(dibao.body.items.map((i: { program: string }) => i.program)).toEqual(['dibao']);
    const tekun = await getJson(`/api/publication/notices?village=${orgs.village}&program=tekun`, village);
    expect(tekun.body.items).toEqual([]);
  });
});

describe('GET /api/publication/recipients', () => {
  it('lists approved households under the org with masked name, size, monthly amount and approval date', async () => {
    const res = await getJson(`/api/publication/recipients?org=${orgs.township}`, county);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    for (const item of res.body.items) {
      expect(item).toEqual({
        village: orgs.village,
        name: '张*',
        householdSize: 3,
        monthlyAmount: 2250,
        approvedOn: chinaDate(new Date()),
      });
    }
    // A village sees its own households; the township's default org is itself.
    expect((await getJson('/api/publication/recipients', township)).body.items).toHaveLength(2);
    expect((await getJson('/api/publication/recipients', actors.village(otherVillage))).body.items).toEqual([]);
  });

  it('pages with a cursor, newest first', async () => {
    const first = await getJson(`/api/publication/recipients?org=${orgs.township}&limit=1`, county);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await getJson(
      `/api/publication/recipients?org=${orgs.township}&limit=1&cursor=${first.body.nextCursor}`,
      county
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const bad = await getJson(`/api/publication/recipients?cursor=garbage`, county);
    expect(bad.body.error.issues[0].path).toBe('query.cursor');
  });

  it('never contains an identity number, address, phone number or full name, in JSON or CSV', async () => {
    for (const format of ['json', 'csv']) {
      const res = await long.get(`/api/publication/recipients?org=${orgs.township}&format=${format}`, county);
      const text = utf8(res.text);
      expect(text).toContain('2250');
      for (const secret of secrets) expect([format, text.includes(secret)]).toEqual([format, false]);
    }
  });

  it('exports the whole list as CSV with a byte-order mark', async () => {
    const res = await long.get(`/api/publication/recipients?org=${orgs.township}&format=csv&limit=1`, supervisor);
    expect(res.text.slice(0, 3)).toBe('\xEF\xBB\xBF');
    const lines = utf8(res.text).slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('村（居）代码,户主,家庭人口,保障金额（元/月）,审核确认日期');
    expect(lines.slice(1)).toEqual([
      `${orgs.village},张*,3,2250,${chinaDate(new Date())}`,
      `${orgs.village},张*,3,2250,${chinaDate(new Date())}`,
    ]);
  });

  it('refuses an org outside the caller’s and window staff', async () => {
    expect((await getJson(`/api/publication/recipients?org=${townshipOrgs('062').township}`, township)).status).toBe(
      403
    );
    expect((await getJson('/api/publication/recipients', window)).status).toBe(403);
  });
});

describe('OpenAPI description', () => {
  it('documents both lists, with the published fields only', async () => {
    const { body } = await getJson('/api/openapi.json', null);
    const recipients = body.paths['/api/publication/recipients'].get;
    const item = recipients.responses['200'].content['application/json'].schema.properties.items.items;
    expect(Object.keys(item.properties).sort()).toEqual(
      ['approvedOn', 'householdSize', 'monthlyAmount', 'name', 'village'].sort()
    );
    const village = body.paths['/api/publication/notices'].get.parameters.find(
      (p: { name: string }) => p.name === 'village'
    );
    expect(village).toMatchObject({ in: 'query', required: true });
  });
});

describe('audit trail of cases driven through the chain', () => {
  it('verifies: the workflow’s records, some written side by side, form one unbroken chain per case', async () => {
    for (const id of [noticeCase.id, ...approved]) {
      const report = await verifyAuditChain(stack.pool, { caseId: id });
      expect([id, report.firstBreak]).toEqual([id, null]);
      expect(report.rows).toBeGreaterThanOrEqual(5);
    }
  });
});
