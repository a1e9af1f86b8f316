/**
 * Temporal down: an API whose client points at a closed local port (the shared dev server keeps
 * running for the other tests) answers /readyz with 503 within a second, an event and a case read
 * with 503 and Retry-After within a couple of seconds instead of ~20 s of gRPC retries, while /healthz
 * (liveness) and lists served from PostgreSQL keep answering. The command bound is generous on
 * purpose: issue 12 asks for "within ~2 s"; issue 16 asks /readyz for one second.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { ApiResponse, TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { testEnvironment } from '../support/environment';
import { actors, anApplication, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;
let downApi: TestApi;
let downConnection: Connection;
let caseId: string;

const orgs = townshipOrgs('172');
const window = actors.window(orgs);
const BOUND_MS = 3_000;
const READY_BOUND_MS = 1_000;

/** A local port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  return port;
}

beforeAll(async () => {
  stack = await openStack('temporal-unreachable');
  await stack.startWorker();
  api = await startApi(stack);
  const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
  expect(started.status).toBe(201);
  caseId = started.body.id as string;
  // Lazy: the process started while Temporal was up; it is the server that is gone now.
  downConnection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}` });
  downApi = await startApi(stack, {
    client: new Client({ connection: downConnection, dataConverter: testEnvironment().dataConverter }),
  });
});
afterAll(async () => {
  await downApi?.close();
  await downConnection?.close();
  await api?.close();
  await stack?.close();
});

async function timed(call: () => Promise<ApiResponse>): Promise<{ res: ApiResponse; ms: number }> {
  const started = Date.now();
  const res = await call();
  return { res, ms: Date.now() - started };
}

/** `waitedMs`: what the request waits on purpose before asking Temporal (a read for a newer view). */
function expectUnavailable({ res, ms }: { res: ApiResponse; ms: number }, waitedMs = 0): void {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(ms).toBeLessThan(BOUND_MS + waitedMs);
}

describe('Temporal unreachable', () => {
  it('/readyz answers 503 with Retry-After within a second, naming Temporal', async () => {
    const answer = await timed(() => downApi.call('GET', '/readyz', null));
    expectUnavailable(answer);
    expect(answer.ms).toBeLessThan(READY_BOUND_MS);
    expect(answer.res.body).toMatchObject({ status: 'unavailable', database: 'ok' });
    expect(answer.res.body.temporal).not.toBe('ok');
    expect(answer.res.body.workers).not.toBe('ok');
  });

  it('/healthz still answers 200: the process is alive, and a restart would not bring Temporal back', async () => {
    const answer = await timed(() => downApi.call('GET', '/healthz', null));
    expect(answer.res).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(answer.ms).toBeLessThan(READY_BOUND_MS);
  });

  it('answers a decision with 503 and Retry-After, saying nothing was done', async () => {
    const answer = await timed(() =>
      downApi.call('POST', `/api/applications/${caseId}/events`, window, { type: 'ACCEPT' })
    );
    expectUnavailable(answer);
    expect(answer.res.body.error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(answer.res.body.error.message).toContain('未被执行');
  });

  it('serves a case read from the read model, and answers 503 with Retry-After when it must ask the workflow', async () => {
    const read = await downApi.call('GET', `/api/applications/${caseId}`, window);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(caseId);
    // A view newer than the stored one can only come from the workflow.
    const version = read.body.timeline[read.body.timeline.length - 1].seq as number;
    const newer = await timed(() =>
      downApi.call('GET', `/api/applications/${caseId}?minVersion=${version + 1}`, window)
    );
    // It waits up to a second for the record first (api/applications/router.ts, STORED_VIEW_WAIT_MS).
    expectUnavailable(newer, 1000);
  });

  it('still serves lists read from PostgreSQL', async () => {
    const res = await downApi.call('GET', '/api/cases', window);
    expect(res.status).toBe(200);
    expect((res.body.items as { id: string }[]).map((c) => c.id)).toContain(caseId);
  });

  it('while the same requests on a reachable Temporal succeed (the deadline does not cut real work)', async () => {
    expect((await api.call('GET', '/readyz', null)).status).toBe(200);
    const accepted = await api.call('POST', `/api/applications/${caseId}/events`, window, { type: 'ACCEPT' });
    expect(accepted.status).toBe(200);
  });
});
