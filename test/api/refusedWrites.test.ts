/**
 * A write PostgreSQL refuses for good, over the real stack: the write activity is tried once, not
 * retried for ever; the caller waiting on the workflow gets an answer (422 with the SQLSTATE); the
 * case or household shows in the supervisor's stuck list with the cause; and once the cause is fixed,
 * a retry lands the held write and the case goes on.
 *
 * The refusal is real and does not depend on what the API's schemas accept: a CHECK constraint
 * added to this run's database for a marker only these tests put in a form (a valid address or
 * comment), removed again by the tests themselves.
 */
import type { temporal } from '@temporalio/proto';
import { Pool } from 'pg';
import type { HouseholdApplicationInput } from '../../definitions/intake/householdForm';
import type { TestApi } from '../support/apiServer';
import { testEnvironment } from '../support/environment';
import { startApi } from '../support/apiServer';
import { actors, anApplication, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';
import { financeOf, paymentCounty } from '../support/payments';
import { periodOf } from '../../definitions/payments';

let stack: Stack;
let api: TestApi;
/** Adding and dropping a constraint is the tables' owner's right, not the app's. */
let owner: Pool;

const orgs = townshipOrgs('171');
const window = actors.window(orgs);
const supervisor = actors.supervisor(orgs);
const stuckList = `/api/supervision/stuck?org=${orgs.township}`;

/** A marker no other test writes: the constraints below refuse any row that carries it. */
const MARKER = '拒写测试';
/** This file's own payment county: its cycle's state is what the database refuses. */
const cycleCounty = paymentCounty('71');
const refusingConstraints = {
  applications: `ALTER TABLE applications ADD CONSTRAINT test_refuse_marker_applications
                   CHECK (position('${MARKER}' IN form::text) = 0) NOT VALID`,
  households: `ALTER TABLE household_applications ADD CONSTRAINT test_refuse_marker_households
                 CHECK (position('${MARKER}' IN form::text) = 0) NOT VALID`,
  events: `ALTER TABLE case_events ADD CONSTRAINT test_refuse_marker_events
             CHECK (comment IS NULL OR position('${MARKER}' IN comment) = 0) NOT VALID`,
  cycles: `ALTER TABLE payment_cycles ADD CONSTRAINT test_refuse_marker_cycles
             CHECK (county_code <> '${cycleCounty}') NOT VALID`,
};
const dropConstraint = (table: string, name: string) => `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name}`;
const drops = [
  dropConstraint('applications', 'test_refuse_marker_applications'),
  dropConstraint('household_applications', 'test_refuse_marker_households'),
  dropConstraint('case_events', 'test_refuse_marker_events'),
  dropConstraint('payment_cycles', 'test_refuse_marker_cycles'),
];

beforeAll(async () => {
  stack = await openStack('refused-writes');
  await stack.startWorker();
  api = await startApi(stack);
  owner = new Pool({ connectionString: testEnvironment().ownerDatabaseUrl, max: 1 });
  for (const statement of Object.values(refusingConstraints)) await owner.query(statement);
});
afterAll(async () => {
  for (const statement of drops) await owner?.query(statement);
  await owner?.end();
  await api?.close();
  await stack?.close();
});

interface Problem {
  kind: string;
  activityType?: string;
  sqlState?: string;
  condition?: string;
  message?: string;
}
interface Item {
  caseId: string;
  workflowType: string;
  problems: Problem[];
}

async function stuckItem(id: string, list = stuckList, reader = supervisor): Promise<Item | undefined> {
  const res = await api.call('GET', list, reader);
  expect(res.status).toBe(200);
  return (res.body.items as Item[]).find((i) => i.caseId === id);
}

/** Every attempt of an activity type in the workflow's history: a failed activity's started event carries its attempt. */
async function attemptsOf(workflowId: string, activityType: string): Promise<{ attempt: number; failed: boolean }[]> {
  const events: temporal.api.history.v1.IHistoryEvent[] =
    (await stack.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const scheduled = new Set(
    events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
      .map((e) => String(e.eventId))
  );
  const failedOf = new Set(
    events
      .filter((e) => e.activityTaskFailedEventAttributes)
      .map((e) => String(e.activityTaskFailedEventAttributes!.scheduledEventId))
  );
  return events
    .filter((e) => scheduled.has(String(e.activityTaskStartedEventAttributes?.scheduledEventId)))
    .map((e) => {
      const scheduledId = String(e.activityTaskStartedEventAttributes!.scheduledEventId);
      return { attempt: e.activityTaskStartedEventAttributes!.attempt ?? 0, failed: failedOf.has(scheduledId) };
    });
}

describe('refused writes / a case whose first record the database refuses', () => {
  let caseId: string;

  it('answers the window at once with 422, the SQLSTATE and the case held, not a request that hangs', async () => {
    const application = anApplication({ orgs });
    const res = await api.call('POST', '/api/applications', window, {
      ...application,
      household: { ...application.household, address: `${MARKER}村1号` },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'WRITE_REFUSED',
      writes: [{ activityType: 'recordSubmission', sqlState: '23514', condition: 'check_violation' }],
    });
    expect(res.body.error.message).toContain('卡住案件');
    caseId = res.body.error.workflowId as string;
    expect(caseId).toMatch(/^DB-/);
  });

  it('tried the write once: a refusal for good is not retried', async () => {
    expect(await attemptsOf(caseId, 'recordSubmission')).toEqual([{ attempt: 1, failed: true }]);
  });

  it('lists the case as stuck with the cause, naming the constraint and no value from the form', async () => {
    const item = await stuckItem(caseId);
    expect(item).toMatchObject({
      workflowType: 'caseWorkflow',
      problems: [
        {
          kind: 'writeRefused',
          activityType: 'recordSubmission',
          sqlState: '23514',
          condition: 'check_violation',
        },
      ],
    });
    expect(item!.problems[0]!.message).toContain('test_refuse_marker_applications');
    expect(JSON.stringify(item)).not.toContain(MARKER);
  });

  it('lands the held record once the cause is fixed and a supervisor retries', async () => {
    await owner.query(dropConstraint('applications', 'test_refuse_marker_applications'));
    const retried = await api.call('POST', `/api/supervision/stuck/${caseId}/retry`, supervisor);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ caseId, action: 'writesRetried' });
    const read = await eventually(async () => {
      const res = await api.call('GET', `/api/applications/${caseId}`, window);
      return res.status === 200 ? res : undefined;
    });
    expect(read.body.step).toBe('intake');
    expect(await stuckItem(caseId)).toBeUndefined();
  });
});

describe('refused writes / a decision whose record the database refuses', () => {
  let caseId: string;

  beforeAll(async () => {
    const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
    expect(started.status).toBe(201);
    caseId = started.body.id as string;
  });

  it('answers the decision with 422, then refuses further decisions until the record lands', async () => {
    const accept = await api.call('POST', `/api/applications/${caseId}/events`, window, {
      type: 'ACCEPT',
      comment: `${MARKER}：材料齐全`,
    });
    expect(accept.status).toBe(422);
    expect(accept.body.error).toMatchObject({ code: 'WRITE_REFUSED', workflowId: caseId });
    expect(await attemptsOf(caseId, 'recordTransition')).toEqual([{ attempt: 1, failed: true }]);

    const withdraw = await api.call('POST', `/api/applications/${caseId}/events`, window, {
      type: 'WITHDRAW',
      reason: '申请人撤回',
    });
    expect(withdraw.status).toBe(422);
    expect(withdraw.body.error.writes).toEqual([
      { activityType: 'recordTransition', sqlState: '23514', condition: 'check_violation' },
    ]);
  });

  it('shows the case as stuck, and after the fix and a retry records the decision in order', async () => {
    expect((await stuckItem(caseId))?.problems).toEqual([expect.objectContaining({ kind: 'writeRefused' })]);
    await owner.query(dropConstraint('case_events', 'test_refuse_marker_events'));
    const retried = await api.call('POST', `/api/supervision/stuck/${caseId}/retry`, supervisor);
    expect(retried.status).toBe(200);
    const accepted = await eventually(async () => {
      const { rows } = await stack.pool.query<{ event: string }>(
        'SELECT event FROM case_events WHERE case_id = $1 ORDER BY seq',
        [caseId]
      );
      return rows.some((r) => r.event === 'ACCEPT') ? rows.map((r) => r.event) : undefined;
    });
    expect(accepted.slice(0, 2)).toEqual(['SUBMIT', 'ACCEPT']);
    expect(await stuckItem(caseId)).toBeUndefined();
  });
});

describe('refused writes / a household application whose record the database refuses', () => {
  it('answers at once and lists the household among stuck workflows with the cause', async () => {
    const { program: _program, ...form } = anApplication({ orgs });
    const household: HouseholdApplicationInput = {
      ...form,
      household: { ...form.household, address: `${MARKER}村2号` },
      programs: ['dibao'],
      referrals: [],
    };
    const res = await api.call('POST', '/api/household-applications', window, household);
    expect(res.status).toBe(422);
    const householdId = res.body.error.workflowId as string;
    expect(householdId).toMatch(/^HH-/);
    expect(await attemptsOf(householdId, 'recordHouseholdSubmission')).toEqual([{ attempt: 1, failed: true }]);

    const item = await stuckItem(householdId);
    expect(item).toMatchObject({
      workflowType: 'householdApplication',
      problems: [{ kind: 'writeRefused', activityType: 'recordHouseholdSubmission', sqlState: '23514' }],
    });
  });
});

describe('refused writes / a payment cycle whose state the database refuses', () => {
  const finance = financeOf(cycleCounty, 'fin-maker');
  const countySupervisor = { userId: 'sup-171', role: 'supervisor' as const, org: cycleCounty };
  const countyStuckList = `/api/supervision/stuck?org=${cycleCounty}`;
  let cycleId: string;

  it('holds the cycle, lists it among stuck workflows of its county, and refuses finance commands with 422', async () => {
    const started = await api.call('POST', '/api/payment-cycles', finance, {
      county: cycleCounty,
      period: periodOf(new Date()),
    });
    expect(started.status).toBe(201);
    cycleId = started.body.id as string;
    const item = await eventually(() => stuckItem(cycleId, countyStuckList, countySupervisor));
    expect(item).toMatchObject({
      workflowType: 'paymentCycle',
      problems: [{ kind: 'writeRefused', activityType: 'recordCycleState', sqlState: '23514' }],
    });
    const submit = await api.call('POST', `/api/payment-cycles/${cycleId}/submit`, finance, {});
    expect(submit.status).toBe(422);
    expect(submit.body.error).toMatchObject({ code: 'WRITE_REFUSED', workflowId: cycleId });
  });

  it('is not terminated from the stuck list (a month has one cycle), and goes on after the fix and a retry', async () => {
    const terminate = await api.call('POST', `/api/supervision/stuck/${cycleId}/terminate`, countySupervisor, {
      reason: '测试：发放周期不能在此终止',
    });
    expect(terminate.status).toBe(409);
    await owner.query(dropConstraint('payment_cycles', 'test_refuse_marker_cycles'));
    const retried = await api.call('POST', `/api/supervision/stuck/${cycleId}/retry`, countySupervisor);
    expect(retried.body).toMatchObject({ action: 'writesRetried' });
    await eventually(async () => {
      const { rows } = await stack.pool.query('SELECT 1 FROM payment_cycles WHERE id = $1', [cycleId]);
      return rows.length === 1 ? true : undefined;
    });
    expect(await stuckItem(cycleId, countyStuckList, countySupervisor)).toBeUndefined();
  });
});
