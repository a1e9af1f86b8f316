/**
 * Property-based fuzzing of every route of the real API on the real stack (API, worker, Temporal,
 * PostgreSQL). Routes come from /api/openapi.json, so a new route is fuzzed without touching this
 * file. Batches of random, malformed and boundary requests, sent as people of every role:
 * - no answer is a 5xx;
 * - every 4xx is JSON with the error shape ({ error: { code, message, issues? } });
 * - a request carrying a control character, a lone surrogate, nesting no form has, a path that
 *   does not decode or a body that is not JSON in UTF-8 is refused, whatever the route;
 * - a batch in which every write was refused leaves every row of the fuzz county as it was.
 * Bounded by a fixed seed and run count; the request count is printed.
 */
import fc from 'fast-check';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { FuzzRequest, FuzzWorld, Route } from '../support/fuzzRequests';
import { requestFor, routesOf } from '../support/fuzzRequests';
import { seedWorld, settled, snapshot } from '../support/fuzzWorld';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

// Fixed so the suite is repeatable; FUZZ_SEED and FUZZ_BATCHES explore further (e.g. 400 batches, 10,000 requests).
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const BATCHES = Number(process.env.FUZZ_BATCHES ?? 70);
const BATCH_SIZE = 25;

let stack: Stack;
let api: TestApi;
let routes: Route[];
let world: FuzzWorld;

beforeAll(async () => {
  stack = await openStack('fuzz');
  await stack.startWorker();
  api = await startApi(stack);
  routes = routesOf((await api.call('GET', '/api/openapi.json', null)).body);
  world = await seedWorld(api, stack.pool);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

interface Answer {
  status: number;
  type: string;
  body: unknown;
}

const statuses = new Map<number, number>();

async function send(request: FuzzRequest): Promise<Answer> {
  const response = await api.raw(request.method, request.path, { headers: request.headers, body: request.body });
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  return { status: response.status, type, body: type.includes('json') ? JSON.parse(text) : text };
}

const shown = (request: FuzzRequest, answer: Answer) =>
  `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers)} ` +
  `${(request.body ?? '').slice(0, 300)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;

function hasErrorShape(answer: Answer): boolean {
  const error = (answer.body as { error?: { code?: unknown; message?: unknown; issues?: unknown } }).error;
  const issues = error?.issues;
  return (
    answer.type.includes('application/json') &&
    typeof error?.code === 'string' &&
    typeof error.message === 'string' &&
    error.message.length > 0 &&
    (issues === undefined ||
      (Array.isArray(issues) &&
        issues.every(
          (i: { path?: unknown; message?: unknown }) => typeof i.path === 'string' && typeof i.message === 'string'
        )))
  );
}

/** Sends the batch in order; says whether any write went through (then rows may rightly change). */
async function sendAll(requests: FuzzRequest[]): Promise<boolean> {
  let wrote = false;
  for (const request of requests) {
    const answer = await send(request);
    if (answer.status >= 500) throw new Error(`5xx: ${shown(request, answer)}`);
    if (answer.status >= 400 && !hasErrorShape(answer)) throw new Error(`no error shape: ${shown(request, answer)}`);
    if (answer.status < 400 && request.mustRefuse) throw new Error(`not refused: ${shown(request, answer)}`);
    if (answer.status < 400 && request.method !== 'GET') wrote = true;
  }
  return wrote;
}

describe('fuzzing every route', () => {
  it('answers every random, malformed or boundary request without a 5xx, and a refused one changes nothing', async () => {
    expect(routes.length).toBeGreaterThan(40);
    const request = fc.oneof(...routes.map((route) => requestFor(route, world)));
    let before = await settled(stack);
    let unchanged = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), async (requests) => {
        if (await sendAll(requests)) {
          before = await settled(stack);
          return;
        }
        expect(await snapshot(stack.pool)).toEqual(before);
        unchanged += 1;
      }),
      { seed: SEED, numRuns: BATCHES, endOnFailure: true }
    );
    const sent = [...statuses.values()].reduce((n, c) => n + c, 0);
    console.log(
      `fuzz: ${sent} requests over ${routes.length} routes (seed ${SEED}); by status ` +
        `${JSON.stringify(Object.fromEntries(statuses))}; ${unchanged} of ${BATCHES} batches had every write ` +
        'refused and left every row of the county as it was'
    );
    expect(unchanged).toBeGreaterThan(BATCHES / 2);
  }, 1_800_000);
});
