/**
 * Bad input over the real stack: control characters refused at the schema and by the request
 * guard (with the field's path, nothing started), and each input that used to end in a 500 now a
 * clear 4xx: forged cursors, out-of-range dates, deep nesting, foreign charsets, bad
 * percent-encoding, malformed or mistyped bodies.
 */
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, residentIds, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

const orgs = townshipOrgs('173');
const window = actors.window(orgs);
const township = actors.township(orgs);
const supervisor = actors.supervisor(orgs);
const county = actors.county(orgs);
const medical = actors.department('medical', orgs);

beforeAll(async () => {
  stack = await openStack('bad-input');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const casesOfTownship = async (): Promise<number> =>
  (await stack.pool.query('SELECT count(*)::int AS n FROM cases WHERE township_code = $1', [orgs.township])).rows[0].n;

const paths = (body: { error: { issues?: { path: string }[] } }) => body.error.issues?.map((i) => i.path) ?? [];

/** A request with the actor's identity and a raw body, for what `api.call` cannot send. */
const raw = async (method: string, path: string, actor: Person, body?: string, headers: Record<string, string> = {}) =>
  api.raw(method, path, { headers: { ...(await api.headersFor(actor)), ...headers }, body });

const referral = () => ({
  department: 'medical',
  orgs,
  reason: '家中老人长期患病',
  applicant: { name: '张三', idNumber: residentIds.applicant, address: '泰山区某村1号' },
});

const householdForm = () => {
  const { program: _program, ...form } = anApplication({ orgs });
  return { ...form, programs: ['dibao'] };
};

describe('bad input / control characters', () => {
  it.each([
    [
      '/api/applications',
      () => anApplication({ orgs, applicant: { name: '张\u0000三', idNumber: residentIds.applicant } }),
    ],
    [
      '/api/household-applications',
      () => ({ ...householdForm(), applicant: { name: '张\u0000三', idNumber: residentIds.applicant } }),
    ],
    ['/api/referrals', () => ({ ...referral(), applicant: { ...referral().applicant, name: '张\u0000三' } })],
  ])('%s refuses a NUL in the applicant’s name with its path, and starts nothing', async (path, body) => {
    const before = await casesOfTownship();
    const res = await api.call('POST', path, path === '/api/referrals' ? township : window, body(), {
      'idempotency-key': `nul-${path.length}-${Date.now()}`,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(res.body)).toEqual(['body.applicant.name']);
    expect(await casesOfTownship()).toBe(before);
  });

  it('refuses C1 controls and lone surrogates anywhere in a body, object keys included', async () => {
    const bad = await raw(
      'POST',
      '/api/applications',
      window,
      '{"program":"dibao","household":{"address":"某村\\u0085"},"note\\u0000":1,"x":["\\ud800"]}'
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(body).sort()).toEqual(['body.household.address', 'body.note\\u0000', 'body.x.0']);
  });

  it('allows tab and line breaks in free text but not in a one-line field', async () => {
    const freeText = anApplication({
      orgs,
      program: 'temporaryHelp',
      temporaryHelp: { kind: 'expense', amountClaimed: 500, description: '住院费用：\n\t自付 3000 元\r\n药费 500 元' },
    });
    expect((await api.call('POST', '/api/applications', window, freeText)).status).toBe(201);
    const oneLine = anApplication({ orgs, household: { ...anApplication().household, address: '某村\n1号' } });
    const res = await api.call('POST', '/api/applications', window, oneLine);
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['body.household.address']);
  });

  it('refuses a control character in a header the API reads, a query value and a path', async () => {
    const header = await raw('GET', '/api/cases', supervisor, undefined, {
      'x-acting-post': 'supervisor\u0085@379901',
    });
    expect(header.status).toBe(400);
    expect(paths((await header.json()) as never)).toEqual(['headers.x-acting-post']);
    const query = await api.call('GET', '/api/cases?step=a%00b', supervisor);
    expect(query.status).toBe(400);
    expect(paths(query.body)).toEqual(['query.step']);
    const path = await api.call('GET', '/api/applications/DB-379901-%00', supervisor);
    expect(path.status).toBe(400);
    expect(paths(path.body)).toEqual(['path']);
  });
});

const cursorOf = (position: object) => Buffer.from(JSON.stringify(position)).toString('base64url');

describe('bad input / what used to answer 500', () => {
  const yearZero = '0000-01-01T00:00:00Z';
  it.each([
    ['/api/cases?cursor=eyJzdWJtaXR0ZWRBdCI6IjAwMDAtMDEtMDFUMDA6MDA6MDBaIiwiaWQiOiJ4In0', supervisor],
    [
      `/api/publication/notices?village=${orgs.village}&cursor=${cursorOf({ submittedAt: yearZero, id: 'x' })}`,
      supervisor,
    ],
    [`/api/supervision/overdue?cursor=${cursorOf({ dueAt: yearZero, id: 'x' })}`, supervisor],
    [`/api/supervision/due-soon?cursor=${cursorOf({ dueAt: yearZero, id: 'x' })}`, supervisor],
    [`/api/supervision/risks?cursor=${cursorOf({ createdAt: yearZero, id: 1 })}`, supervisor],
    [`/api/integrity/records?cursor=${cursorOf({ createdAt: yearZero, id: 1 })}`, county],
    [`/api/referrals/inbox?cursor=${cursorOf({ submittedAt: yearZero, id: 'x' })}`, medical],
    [`/api/cases?cursor=${cursorOf({ submittedAt: '2026-01-01T00:00:00Z', id: 'x\u0000' })}`, supervisor],
    // A Temporal page token it never issued: refused by Temporal, which is no reason for a 500.
    [`/api/supervision/stuck?cursor=${cursorOf({ org: orgs.county, token: 'AAAA' })}`, supervisor],
  ])('a forged cursor on %s is a 400 on query.cursor', async (path, actor) => {
    const res = await api.call('GET', path, actor);
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['query.cursor']);
  });

  it('a statistics period outside the supported dates is a 400', async () => {
    const res = await api.call('GET', '/api/supervision/stats?from=0001-01-01&to=0001-01-05', supervisor);
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['query.from', 'query.to']);
  });

  it.each([
    '/api/applications/DB-379901-00000000000000000000/events',
    '/api/referrals/RF-379901-00000000000000000000/outcome',
  ])('JSON nested 5,000 levels deep on %s is a 400 before anything else', async (path) => {
    const depth = 5000;
    const deep = `{"type":"ACCEPT","comment":${'['.repeat(depth)}1${']'.repeat(depth)}}`;
    const res = await raw('POST', path, path.includes('referrals') ? medical : window, deep);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { message: string }[] } };
    expect(body.error.issues[0]?.message).toContain('嵌套层级超过');
  });

  it('a JSON body in another charset than UTF-8 is a 415', async () => {
    for (const charset of ['latin1', 'utf-16']) {
      const res = await raw('POST', '/api/referrals', township, JSON.stringify(referral()), {
        'content-type': `application/json; charset=${charset}`,
      });
      expect(res.status).toBe(415);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(body.error.message).toContain('UTF-8');
    }
    const form = await raw('POST', '/api/referrals', township, 'a=1', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    // Not read as "no body" (which an action route would take for an empty form).
    const text = await raw('POST', '/api/referrals/RF-379901-00000000000000000000/acknowledge', medical, '{}', {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
  });

  it('a row version beyond what PostgreSQL stores is a 400 on body.version', async () => {
    expect((await api.call('POST', '/api/applications', window, anApplication({ orgs }))).status).toBe(201);
    const { rows } = await stack.pool.query('SELECT id FROM tasks WHERE candidate_org = $1 LIMIT 1', [orgs.township]);
    const res = await api.call('POST', `/api/tasks/${rows[0].id}/claim`, window, { version: 2 ** 31 });
    expect([res.status, paths(res.body)]).toEqual([400, ['body.version']]);
  });

  it.each(['x'.repeat(3000), 'not-a-case', 'DB-379901-%E4%B8%AD'])(
    'a stuck-case action on a case id that cannot exist (%#) is a 4xx',
    async (caseId) => {
      for (const action of ['retry', 'terminate']) {
        const res = await api.call('POST', `/api/supervision/stuck/${caseId}/${action}`, supervisor, {
          reason: '流程卡住，终止',
        });
        expect([action, res.status]).toEqual([action, 404]);
      }
    }
  );

  it('a path that does not percent-decode is a 400', async () => {
    const res = await api.call('GET', '/api/applications/%ED%A0%80%FF', supervisor);
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['path']);
  });

  it('malformed, empty, mistyped and oversize bodies are clean 4xx with the error shape', async () => {
    const cases: [string | undefined, number][] = [
      ['{"program": ', 400],
      ['', 400],
      [undefined, 400],
      ['[1,2]', 400],
      ['"text"', 400],
      ['42', 400],
      [`{"x":"${'a'.repeat(1_100_000)}"}`, 413],
    ];
    for (const [body, status] of cases) {
      const res = await raw('POST', '/api/applications', window, body);
      expect([body?.slice(0, 12), res.status]).toEqual([body?.slice(0, 12), status]);
      const answer = (await res.json()) as { error: { code: string; message: string } };
      expect(typeof answer.error.code).toBe('string');
      expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
