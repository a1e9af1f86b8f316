/**
 * Case reads come from the read model: the record activity stores the case view with the row, in
 * the same statement, at the row's version. Over a whole dibao chain, after every transition, the
 * stored view is exactly what the workflow's query answers — state, the events open now with who
 * may send each, clocks, timeline. With no worker running (a query could not be answered) the case
 * is still read at once; `minVersion` above what is stored waits briefly, then asks the workflow.
 */
import type { Pool } from 'pg';
import type { CaseView } from '../../workflows/contract';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { RunningWorker, Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

const orgs = townshipOrgs('388');
const window = actors.window(orgs);
const township = actors.township(orgs);
const county = actors.county(orgs);

let stack: Stack;
let worker: RunningWorker;
let api: TestApi;

beforeAll(async () => {
  stack = await openStack('storedview');
  worker = await stack.startWorker();
  api = await startApi(stack);
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

async function stored(pool: Pool, id: string): Promise<{ view: CaseView | null; version: number }> {
  const { rows } = await pool.query('SELECT view, version FROM cases WHERE id = $1', [id]);
  return rows[0];
}

/** The stored view once the row has caught up with the workflow, next to the workflow's own answer. */
async function storedAndQueried(id: string): Promise<{ stored: CaseView; queried: CaseView }> {
  const queried = await stack.commands.readCase(id);
  const version = queried.timeline[queried.timeline.length - 1]!.seq;
  const row = await eventually(async () => {
    const r = await stored(stack.pool, id);
    return r && r.version >= version ? r : undefined;
  });
  expect(row.version).toBe(version);
  // As a client receives it: JSON.
  return { stored: row.view!, queried: JSON.parse(JSON.stringify(queried)) as CaseView };
}

describe('case views stored in the read model', () => {
  let id: string;

  it('hold exactly what the workflow answers after every transition of the chain', async () => {
    const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
    expect(started.status).toBe(201);
    id = started.body.id;
    const steps: [Person, Record<string, unknown>][] = [
      [window, { type: 'ACCEPT' }],
      [township, { type: 'RECORD_HOME_VISIT', ...homeVisit }],
      [township, { type: 'PROPOSE_APPROVAL', opinion: '符合条件，拟同意' }],
    ];
    const compared: string[] = [];
    const compare = async () => {
      const { stored: s, queried: q } = await storedAndQueried(id);
      expect(s).toEqual(q);
      compared.push(q.step);
    };
    await compare();
    for (const [actor, body] of steps) {
      const sent = await api.call('POST', `/api/applications/${id}/events`, actor, body);
      expect([body.type, sent.status]).toEqual([body.type, 200]);
      if (body.type === 'ACCEPT') await checkRunsFinished(stack.commands, id);
      await compare();
    }
    await eventually(async () => ((await stack.commands.readCase(id)).step === 'countyReview' ? true : undefined));
    await compare();
    expect((await api.call('POST', `/api/applications/${id}/events`, county, { type: 'APPROVE' })).status).toBe(200);
    await compare();
    expect(compared).toEqual(
      expect.arrayContaining(['intake', 'investigation', 'publicNotice', 'countyReview', 'inPayment'])
    );
    // Every allowed-events list compared was the chart's: at least one with events for several roles.
    const { stored: final } = await storedAndQueried(id);
    expect(final.allowedEvents.map((e) => e.type)).toContain('TERMINATE');
  });

  it('answers a read with no worker running, and waits for (then asks the workflow about) a newer version', async () => {
    const current = await api.call('GET', `/api/applications/${id}`, county);
    expect(current.status).toBe(200);
    const version = current.body.timeline[current.body.timeline.length - 1].seq as number;

    // Above what is stored: waits about a second, then the workflow's answer (the same view).
    const started = Date.now();
    const ahead = await api.call('GET', `/api/applications/${id}?minVersion=${version + 1}`, county);
    expect(ahead.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(ahead.body.timeline).toEqual(current.body.timeline);

    const bad = await api.call('GET', `/api/applications/${id}?minVersion=-1`, county);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('query.minVersion');

    await worker.stop();
    const withoutWorker = await api.call('GET', `/api/applications/${id}`, county);
    expect(withoutWorker.status).toBe(200);
    expect(withoutWorker.body.step).toBe('inPayment');
    expect(withoutWorker.body.allowedEvents).toEqual(current.body.allowedEvents);
  });
});
