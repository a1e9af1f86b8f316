/**
 * An amount the county sets, over the real stack: 99,999 a month where the check computed far less
 * is a 400 naming the fields and leaves nothing behind; more than computed with a written ground is
 * approved, and the ground is on the approval notice, in the audit line and in a risk warning for
 * the supervisor; the computed amount itself needs nothing more.
 */
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

// This file's own township, so its warnings and cases are its own.
const orgs = townshipOrgs('131');
const window = actors.window(orgs);
const township = actors.township(orgs);
const county = actors.county(orgs);
const supervisor = actors.supervisor(orgs);

beforeAll(async () => {
  stack = await openStack('amount');
  await stack.startWorker();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const send = (id: string, actor: Person, body: Record<string, unknown>) =>
  api.call('POST', `/api/applications/${id}/events`, actor, body);

async function auditLines(id: string): Promise<{ event: string; comment: string | null; payload: never }[]> {
  const { rows } = await stack.pool.query(
    'SELECT event, comment, payload FROM case_events WHERE case_id = $1 ORDER BY seq',
    [id]
  );
  return rows;
}

/** A dibao case at the county's decision; returns it with the benefit its check computed. */
async function atCounty(): Promise<{ id: string; computed: number }> {
  const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  await send(id, window, { type: 'ACCEPT' });
  await checkRunsFinished(stack.commands, id);
  await send(id, township, { type: 'RECORD_HOME_VISIT', ...homeVisit });
  await send(id, township, { type: 'PROPOSE_APPROVAL', opinion: '符合低保条件' });
  const view = await eventually(
    async () => {
      const res = await api.call('GET', `/api/applications/${id}`, county);
      return res.body.step === 'countyReview' ? res.body : undefined;
    },
    20_000,
    'the county review'
  );
  return { id, computed: view.summary.dataCheck.computedAmount as number };
}

describe('decided amounts through the API', () => {
  it('refuses 99,999 a month over the computed benefit with a 400 naming the fields, and records nothing', async () => {
    const { id, computed } = await atCounty();
    const res = await send(id, county, { type: 'APPROVE', monthlyAmount: 99_999 });
    expect(res.status).toBe(400);
    const issues = res.body.error.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual(['body.amountGround', 'body.monthlyAmount']);
    expect(issues.find((i) => i.path === 'body.amountGround')!.message).toContain(`${computed.toFixed(2)}元`);
    expect(issues.find((i) => i.path === 'body.monthlyAmount')!.message).toContain('上限');
    const withGround = await send(id, county, { type: 'APPROVE', monthlyAmount: 99_999, amountGround: '特殊困难' });
    expect(withGround.status).toBe(400);
    expect((await auditLines(id)).map((l) => l.event)).not.toContain('APPROVE');
    expect((await api.call('GET', `/api/applications/${id}`, county)).body.step).toBe('countyReview');
  });

  it('approves more than computed with a ground: on the notice, the audit line and a risk warning', async () => {
    const { id, computed } = await atCounty();
    const amountGround = '户内有重度残疾人，按分类施保增发';
    const monthlyAmount = computed + 100;
    const res = await send(id, county, { type: 'APPROVE', monthlyAmount, amountGround });
    expect(res.status).toBe(200);
    expect(res.body.summary.decision).toMatchObject({ monthlyAmount, amountGround });

    const approve = (await auditLines(id)).find((l) => l.event === 'APPROVE')!;
    expect(approve.payload).toMatchObject({
      amountGround,
      amountBasis: { amount: monthlyAmount, referenceAmount: computed, aboveReference: true, ground: amountGround },
    });

    const notices = await eventually(async () => {
      const r = await api.call('GET', `/api/applications/${id}/notices`, window);
      return r.body.items.some((n: { kind: string }) => n.kind === 'approval') ? r.body.items : undefined;
    }, 10_000);
    const approval = notices.find((n: { kind: string }) => n.kind === 'approval');
    expect(approval.bodyZh).toContain(`理由：${amountGround}`);

    const warnings = await api.call(
      'GET',
      `/api/supervision/risks?org=${orgs.township}&caseId=${id}&rule=amountAboveComputed`,
      supervisor
    );
    expect(warnings.status).toBe(200);
    expect(warnings.body.items).toEqual([
      expect.objectContaining({ rule: 'amountAboveComputed', subject: { kind: 'case', key: id } }),
    ]);
    expect(warnings.body.items[0].explanationZh).toContain(amountGround);
  });

  it('approves the computed benefit with nothing more, and raises no warning', async () => {
    const { id, computed } = await atCounty();
    const res = await send(id, county, { type: 'APPROVE', monthlyAmount: computed });
    expect(res.status).toBe(200);
    const { rows } = await stack.pool.query(
      'SELECT count(*)::int AS n FROM risk_warnings WHERE case_id = $1 AND rule = $2',
      [id, 'amountAboveComputed']
    );
    expect(rows[0].n).toBe(0);
  });

  it('answers 409, not 400, to an amount at a step where the county does not decide', async () => {
    const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
    const res = await send(started.body.id, county, { type: 'APPROVE', monthlyAmount: 99_999 });
    expect(res.status).toBe(409);
  });
});
