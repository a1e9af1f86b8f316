/**
 * The walk-through of docs/walkthrough.md with the people `npm start` seeds: each signs in with the
 * printed initial password, changes it, and takes their step through the browser's session — no
 * token, no header identity. Seeded here into the test county (whose notices last seconds) under ids
 * of this file's own.
 */
import { seedDemoStaff } from '../../scripts/lib/demoStaff';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { anApplication, homeVisit, TEST_COUNTY, testOrgs } from '../support/factories';
import type { BrowserSession } from '../support/sessions';
import { signIn } from '../support/sessions';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;
const people: Record<string, BrowserSession> = {};

beforeAll(async () => {
  stack = await openStack('walkthrough');
  await stack.startWorker();
  api = await startApi(stack);
  const seeded = await seedDemoStaff(stack.pool, { county: TEST_COUNTY, idPrefix: 'wt-', onlyWhenEmpty: false });
  for (const { userId, password } of seeded ?? []) {
    if (['wt-window-01', 'wt-township-01', 'wt-county-01', 'wt-supervisor-01'].includes(userId)) {
      people[userId.slice(3, -3)] = await signIn(api, userId, password);
    }
  }
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

it('takes a dibao case from the window to payment with signed-in demo staff', async () => {
  const { window, township, county, supervisor } = people;
  const started = await window!.call('POST', '/api/applications', anApplication({ orgs: testOrgs }));
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  const ev = async (who: BrowserSession, event: Record<string, unknown>) => {
    const res = await who.call('POST', `/api/applications/${id}/events`, event);
    expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
    return res.body;
  };
  await ev(window!, { type: 'ACCEPT' });
  await ev(township!, { type: 'RECORD_HOME_VISIT', ...homeVisit });
  await checkRunsFinished(stack.commands, id);
  await ev(township!, { type: 'PROPOSE_APPROVAL', opinion: '符合低保条件，拟同意' });
  const approved = await eventually(
    async () => {
      const res = await county!.call('POST', `/api/applications/${id}/events`, { type: 'APPROVE' });
      return res.status === 200 ? res.body : undefined;
    },
    20_000,
    'the notice period to end'
  );
  expect(approved.step).toBe('inPayment');

  const timeline = (await county!.call('GET', `/api/applications/${id}`)).body.timeline as {
    actor: { userId: string };
  }[];
  expect(timeline.map((t) => t.actor.userId)).toEqual(
    expect.arrayContaining(['wt-window-01', 'wt-township-01', 'wt-county-01'])
  );
  const listed = await supervisor!.call('GET', `/api/cases?program=dibao&limit=200&org=${testOrgs.township}`);
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id);
});
