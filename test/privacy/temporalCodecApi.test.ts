/**
 * The codec endpoint the Temporal Web UI calls to show encrypted payloads (Temporal's codec server
 * protocol: proto3 JSON, bytes as base64), over the real API and a real case's history: supervisors
 * and admins decode, other roles are refused, the browser may call it from the configured UI origin
 * only, and a payload it cannot decrypt is a 400 that says which and why.
 */
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { applicationSchema } from '../../definitions/shared/application';
import { historyPayloads } from '../../temporal/historyPayloads';
import { EncryptionCodec, ENCRYPTED_ENCODING } from '../../temporal/payloadCodec';
import { newKeyRing } from '../../temporal/payloadKeys';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { testEnvironment } from '../support/environment';
import type { Person } from '../support/factories';
import { actors, anApplication, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

const PATH = '/api/temporal-codec';
const UI = 'http://127.0.0.1:8233';
const orgs = townshipOrgs('214');
const window = actors.window(orgs);
const supervisor = actors.supervisor(orgs);
const admin: Person = { userId: 'admin-01', role: 'admin', org: orgs.county };
const applicantName = '东方编解';

let stack: Stack;
let api: TestApi;
let namespace: string;
/** The case's start input, as the server holds it: encrypted. */
let encrypted: Payload;

interface PayloadJson {
  metadata: Record<string, string>;
  data: string;
}

const toJson = (p: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const fromJson = (p: PayloadJson): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const metadataText = (p: PayloadJson, key: string) => Buffer.from(p.metadata[key] ?? '', 'base64').toString();

function codecCall(direction: 'decode' | 'encode', person: Person | null, payloads: unknown[], headers = {}) {
  return api.call('POST', `${PATH}/${direction}`, person, { payloads }, { 'x-namespace': namespace, ...headers });
}

beforeAll(async () => {
  stack = await openStack('codec-api');
  await stack.startWorker();
  api = await startApi(stack, { temporalUiOrigins: [UI, 'http://localhost:8233'] });
  namespace = stack.client.options.namespace;
  const { view } = await stack.commands.startApplication(
    applicationSchema.parse(
      anApplication({ orgs, applicant: { name: applicantName, idNumber: anApplication().applicant.idNumber } })
    ),
    window,
    undefined
  );
  const history = await stack.client.workflow.getHandle(view.id).fetchHistory();
  encrypted = historyPayloads(history).find(({ path }) =>
    path.endsWith('workflowExecutionStartedEventAttributes.input.payloads.0')
  )!.payload;
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

describe('temporal codec endpoint / who may use it', () => {
  it.each([
    ['a supervisor', supervisor],
    ['an admin', admin],
  ])('decodes a case input from the server for %s', async (_who, person) => {
    const res = await codecCall('decode', person, [toJson(encrypted)]);
    expect(res.status).toBe(200);
    const [decoded] = res.body.payloads as PayloadJson[];
    expect(metadataText(decoded!, 'encoding')).toBe('json/plain');
    const input = defaultPayloadConverter.fromPayload<{ application: { applicant: { name: string } } }>(
      fromJson(decoded!)
    );
    expect(input.application.applicant.name).toBe(applicantName);
  });

  it('logs each decode in the access log (查询留痕), and nothing for an encode', async () => {
    const decoder: Person = { userId: 'codec-log-reader', role: 'supervisor', org: orgs.county };
    expect((await codecCall('decode', decoder, [toJson(encrypted)])).status).toBe(200);
    expect((await codecCall('encode', decoder, [toJson(encrypted)])).status).toBe(200);
    const { rows } = await stack.pool.query(
      `SELECT kind, role, org, purpose, served, case_id, household_id, cycle_id FROM access_log WHERE user_id = $1`,
      [decoder.userId]
    );
    expect(rows).toEqual([
      {
        kind: 'temporalPayloads',
        role: 'supervisor',
        org: orgs.county,
        purpose: '通过 Temporal 界面或命令行查看工作流数据',
        served: 'full',
        case_id: null,
        household_id: null,
        cycle_id: null,
      },
    ]);
  });

  it('refuses a window clerk with 403, and a caller without identity with 401', async () => {
    const clerk = await codecCall('decode', window, [toJson(encrypted)]);
    expect(clerk.status).toBe(403);
    expect(clerk.body.error.code).toBe('ROLE_NOT_PERMITTED');
    expect(JSON.stringify(clerk.body)).not.toContain(applicantName);
    expect((await codecCall('decode', null, [toJson(encrypted)])).status).toBe(401);
  });
});

describe('temporal codec endpoint / the protocol', () => {
  it('encodes into a payload the app decrypts, and decodes it back', async () => {
    const plain = toJson(defaultPayloadConverter.toPayload({ note: '界面输入' }));
    const encoded = await codecCall('encode', supervisor, [plain]);
    expect(encoded.status).toBe(200);
    const [sealed] = encoded.body.payloads as PayloadJson[];
    expect(metadataText(sealed!, 'encoding')).toBe(ENCRYPTED_ENCODING);
    const [appDecoded] = await new EncryptionCodec(testEnvironment().payloadKeys).decode([fromJson(sealed!)]);
    expect(defaultPayloadConverter.fromPayload(appDecoded!)).toEqual({ note: '界面输入' });
    const decoded = await codecCall('decode', supervisor, [sealed]);
    expect(decoded.body.payloads).toEqual([plain]);
  });

  it('answers as the Temporal CLI calls it: an empty body for no payloads, an empty namespace header', async () => {
    const empty = await api.call('POST', `${PATH}/decode`, supervisor, {}, { 'x-namespace': '' });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ payloads: [] });
    const unnamed = await codecCall('decode', supervisor, [toJson(encrypted)], { 'x-namespace': '' });
    expect(unnamed.status).toBe(200);
  });

  it('passes a payload that is not encrypted through (histories recorded before encryption)', async () => {
    const plain = toJson(defaultPayloadConverter.toPayload('明文'));
    const res = await codecCall('decode', supervisor, [plain]);
    expect(res.body.payloads).toEqual([plain]);
  });

  it('refuses a payload under a key it does not hold with 400, naming the payload and the key', async () => {
    const foreignRing = newKeyRing(new Date());
    const [foreign] = await new EncryptionCodec(foreignRing).encode([defaultPayloadConverter.toPayload('x')]);
    const res = await codecCall('decode', supervisor, [toJson(encrypted), toJson(foreign!)]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(foreignRing.current);
    expect(res.body.error.issues).toEqual([
      { path: 'body.payloads.1.metadata.encryption-key-id', message: expect.stringContaining(foreignRing.current) },
    ]);
  });

  it('refuses an altered payload with 400', async () => {
    const altered = toJson(encrypted);
    const bytes = Buffer.from(altered.data, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    const res = await codecCall('decode', supervisor, [{ ...altered, data: bytes.toString('base64') }]);
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'body.payloads.0.data', message: '密文校验失败' }]);
  });

  it('refuses a body that is not proto3 JSON payloads, and another namespace, with 400 and field paths', async () => {
    const bad = await codecCall('decode', supervisor, [{ metadata: { encoding: 'not base64!' }, data: 'AA==' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('body.payloads.0.metadata.encoding');
    const other = await codecCall('decode', supervisor, [toJson(encrypted)], { 'x-namespace': 'someone-else' });
    expect(other.status).toBe(400);
    expect(other.body.error.issues[0].path).toBe('headers.x-namespace');
  });

  it('refuses a body over its limit with 413', async () => {
    const huge = { metadata: {}, data: 'A'.repeat(5 * 1024 * 1024) };
    expect((await codecCall('decode', supervisor, [huge])).status).toBe(413);
  });
});

describe('temporal codec endpoint / CORS for the Temporal Web UI', () => {
  const preflight = (origin: string) =>
    api.raw('OPTIONS', `${PATH}/decode`, {
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });

  it('answers the preflight of the configured UI origin, credentials allowed', async () => {
    const res = await preflight(UI);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('refuses the preflight of any other origin, without CORS headers', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the UI origin read the answer and refuses a request from another origin', async () => {
    const fromUi = await codecCall('decode', supervisor, [toJson(encrypted)], { origin: UI });
    expect(fromUi.status).toBe(200);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI);
    const fromElsewhere = await codecCall('decode', supervisor, [toJson(encrypted)], {
      origin: 'https://evil.example',
    });
    expect(fromElsewhere.status).toBe(403);
    expect(JSON.stringify(fromElsewhere.body)).not.toContain(applicantName);
  });
});
