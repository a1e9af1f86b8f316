/**
 * The dibao chain on a real Temporal server and PostgreSQL: decisions go in as Updates, the read
 * model, audit trail, notices and disbursements come out in the database.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { TransitionRefused, ValidationFailed } from '../../api/http/errors';
import { applicationSchema } from '../../definitions/shared/application';
import type { ApplicationInput } from '../../definitions/shared/application';
import type { caseWorkflow } from '../../workflows/caseWorkflow';
import type { CaseView } from '../../workflows/contract';
import type { Person } from '../support/factories';
import { actors, anApplication, homeVisit } from '../support/factories';
import type { RunningWorker, Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

let stack: Stack;
let worker: RunningWorker;

beforeAll(async () => {
  stack = await openStack('case-wf');
  worker = await stack.startWorker();
});
afterAll(async () => {
  await stack?.close();
});

const window = actors.window();
const township = actors.township();
const village = actors.village();
const county = actors.county();

async function submit(overrides: Partial<ApplicationInput> = {}): Promise<CaseView> {
  const { view } = await stack.commands.startApplication(
    applicationSchema.parse(anApplication(overrides)),
    window,
    undefined
  );
  return view;
}

function decide(id: string, type: string, actor: Person, payload: Record<string, unknown> = {}): Promise<CaseView> {
  return stack.commands.submitEvent(id, { type, actor, payload });
}

/** Accepted, checked (the data check runs by itself against the registry) and visited. */
async function toFirstReview(id: string): Promise<void> {
  await decide(id, 'ACCEPT', window);
  await checkRunsFinished(stack.commands, id);
  await decide(id, 'RECORD_HOME_VISIT', township, homeVisit);
}

async function caseRow(id: string) {
  const { rows } = await stack.pool.query('SELECT * FROM cases WHERE id = $1', [id]);
  return rows[0];
}

async function auditEvents(id: string): Promise<string[]> {
  const { rows } = await stack.pool.query('SELECT event FROM case_events WHERE case_id = $1 ORDER BY seq', [id]);
  return rows.map((r) => r.event as string);
}

async function noticeKinds(id: string): Promise<string[]> {
  const { rows } = await stack.pool.query('SELECT kind FROM notices WHERE case_id = $1 ORDER BY seq, id', [id]);
  return rows.map((r) => r.kind as string);
}

const handleOf = (id: string): WorkflowHandle<typeof caseWorkflow> => stack.client.workflow.getHandle(id);

/** Waits until the case reaches a step (timers fire on their own). */
function stepReached(id: string, step: string): Promise<CaseView> {
  return eventually(
    async () => {
      const view = await stack.commands.readCase(id);
      return view.step === step ? view : undefined;
    },
    20_000,
    `step ${step}`
  );
}

describe('case workflow / dibao chain', () => {
  it('an approved case is recorded, noticed and scheduled for payment from the month after approval', async () => {
    const { id } = await submit();
    expect(await caseRow(id)).toMatchObject({ step: 'intake', status: 'active', version: 0 });

    await toFirstReview(id);
    await decide(id, 'PROPOSE_APPROVAL', township, { opinion: '符合低保条件' });
    await stepReached(id, 'countyReview');
    const approved = await decide(id, 'APPROVE', county, { monthlyAmount: 812.5, comment: '按差额发放' });

    expect(approved.step).toBe('inPayment');
    expect(approved.timeline.map((t) => t.event)).toEqual([
      'SUBMIT',
      'ACCEPT',
      'DATA_CHECK_COMPLETED',
      'RECORD_HOME_VISIT',
      'PROPOSE_APPROVAL',
      'TIMER:publicNoticePeriod',
      'APPROVE',
    ]);
    expect(approved.timeline[5]?.labelZh).toBe('公示期满');
    expect(await caseRow(id)).toMatchObject({
      step: 'inPayment',
      status: 'active',
      monthly_amount: '812.50',
      version: 6,
      due_at: null,
    });
    expect(await auditEvents(id)).toEqual(approved.timeline.map((t) => t.event));
    expect(await noticeKinds(id)).toEqual(['publicNotice', 'approval']);
    const { rows: payments } = await stack.pool.query('SELECT period, amount FROM disbursements WHERE case_id = $1', [
      id,
    ]);
    const decided = new Date(Date.parse(approved.timeline[6]!.at) + 8 * 3600_000);
    const next = new Date(Date.UTC(decided.getUTCFullYear(), decided.getUTCMonth() + 1, 1));
    expect(payments).toEqual([{ period: next.toISOString().slice(0, 7), amount: '812.50' }]);
  });

  it('a rejected case ends once the written reasons are delivered, and the workflow completes', async () => {
    const { id } = await submit();
    await toFirstReview(id);
    await decide(id, 'PROPOSE_REJECTION', township, { reasons: ['人均收入高于低保标准'] });
    const rejected = await decide(id, 'REJECT', county, { reasons: ['人均收入高于低保标准'] });
    expect(rejected.deadlines.map((d) => d.key)).toEqual(['rejectionNotice']);
    await decide(id, 'DELIVER_REJECTION_NOTICE', township, { deliveredOn: '2026-12-01' });

    const result = await handleOf(id).result();
    expect(result).toMatchObject({ status: 'done', step: 'rejected' });
    expect(await caseRow(id)).toMatchObject({ status: 'done', step: 'rejected' });
    expect((await caseRow(id)).closed_at).not.toBeNull();
    expect(await noticeKinds(id)).toEqual(['rejection']);
  });

  it('re-opens investigation when an objection is filed during the notice', async () => {
    const { id } = await submit();
    await toFirstReview(id);
    await decide(id, 'PROPOSE_APPROVAL', township, { opinion: '符合条件' });
    await decide(id, 'FILE_NOTICE_OBJECTION', village, { summary: '群众反映家中有营运车辆', complaint: true });

    const review = await stepReached(id, 'objectionReview');
    expect(review.allowedEvents.map((e) => e.type)).toEqual(
      expect.arrayContaining(['REINVESTIGATE', 'RECORD_COMMUNITY_REVIEW'])
    );
    await decide(id, 'REINVESTIGATE', township);
    await decide(id, 'RECORD_HOME_VISIT', township, homeVisit);
    const atCounty = await decide(id, 'PROPOSE_APPROVAL', township, { opinion: '车辆已过户，仍符合条件' });
    expect(atCounty.step).toBe('countyReview');
    expect(atCounty.summary).toMatchObject({ countyHomeVisitRequired: true });

    await expect(decide(id, 'APPROVE', county, { monthlyAmount: 300 })).rejects.toBeInstanceOf(TransitionRefused);
    await decide(id, 'RECORD_COUNTY_HOME_VISIT', county, homeVisit);
    expect((await decide(id, 'APPROVE', county, { monthlyAmount: 300 })).step).toBe('inPayment');
  });

  it('loops once through the missing-materials notice before acceptance', async () => {
    const { id } = await submit({ materials: ['idCard'] });
    const notified = await decide(id, 'REQUEST_MISSING_MATERIALS', window, {
      items: ['householdRegister', 'incomeProof'],
    });
    expect(notified.summary).toMatchObject({
      missingMaterials: ['householdRegister', 'incomeProof'],
      missingNoticeIssued: true,
    });
    const supplied = await decide(id, 'SUPPLY_MATERIALS', window, { items: ['householdRegister', 'incomeProof'] });
    expect(supplied.summary).toMatchObject({ missingMaterials: [] });

    const second = decide(id, 'REQUEST_MISSING_MATERIALS', window, { items: ['bankAccount'] });
    await expect(second).rejects.toBeInstanceOf(TransitionRefused);
    const accepted = await decide(id, 'ACCEPT', window);
    expect(accepted.step).toBe('investigation');
    // The data check's own clock may already be over: it runs by itself and takes milliseconds here.
    expect(accepted.deadlines.map((d) => d.key)).toEqual(expect.arrayContaining(['investigationStart', 'overall']));
    const { rows } = await stack.pool.query('SELECT body_zh FROM notices WHERE case_id = $1', [id]);
    expect(rows[0].body_zh).toContain('户口簿、收入证明');
  });

  it('withdrawal during the notice ends the case and its notice timer never fires', async () => {
    const { id } = await submit();
    await toFirstReview(id);
    await decide(id, 'PROPOSE_APPROVAL', township, { opinion: '符合条件' });
    const withdrawn = await decide(id, 'WITHDRAW', window, { reason: '已外出务工，收入稳定' });
    expect(withdrawn.step).toBe('withdrawn');
    expect(withdrawn.allowedEvents).toEqual([]);
    const result = await handleOf(id).result();
    expect(result.timeline.map((t) => t.event)).not.toContain('TIMER:publicNoticePeriod');
    expect(await caseRow(id)).toMatchObject({ status: 'done', step: 'withdrawn' });
  });

  it('refuses a forbidden event before it enters history, naming the events that are allowed', async () => {
    const { id } = await submit();
    const refused = await decide(id, 'APPROVE', county, { monthlyAmount: 500 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TransitionRefused);
    expect((refused as TransitionRefused).details.allowedEvents).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'ACCEPT', roles: ['window'] })])
    );
    const invalid = await decide(id, 'DECLINE', window, { reasons: [] }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationFailed);
    expect((invalid as ValidationFailed).issues.map((i) => i.path)).toEqual(['body.reasons']);

    const history = await handleOf(id).fetchHistory();
    const updateEvents = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updateEvents).toHaveLength(1); // awaitRecorded only
    expect(await auditEvents(id)).toEqual(['SUBMIT']);
  });

  it('applies concurrent decisions in order without losing either', async () => {
    const { id } = await submit();
    await toFirstReview(id);
    await decide(id, 'PROPOSE_APPROVAL', township, { opinion: '符合条件' });
    await Promise.all([
      decide(id, 'FILE_NOTICE_OBJECTION', village, { summary: '家中有经营性车辆' }),
      decide(id, 'FILE_NOTICE_OBJECTION', window, { summary: '子女有稳定收入', complaint: true }),
    ]);
    const view = await stack.commands.readCase(id);
    expect(view.timeline.filter((t) => t.event === 'FILE_NOTICE_OBJECTION')).toHaveLength(2);
    expect(view.summary.noticeObjections).toHaveLength(2);
    await eventually(async () => ((await caseRow(id)).version === 6 ? true : undefined));
    expect(await auditEvents(id)).toEqual(view.timeline.map((t) => t.event));
  });

  it('publishes state, program and orgs as search attributes, without personal data', async () => {
    const { id } = await submit();
    await decide(id, 'ACCEPT', window);
    const found = await eventually(async () => {
      for await (const wf of stack.client.workflow.list({
        query: `WorkflowId = '${id}' AND YilianState = 'investigation' AND YilianProgram = 'dibao'`,
      })) {
        return wf;
      }
      return undefined;
    });
    const attributes = found.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]);
    expect(Object.fromEntries(attributes)).toMatchObject({
      YilianState: 'investigation',
      YilianCounty: '379901',
      YilianTownship: '379901001',
      YilianDefinitionVersion: 'dibao@1',
    });
    expect(JSON.stringify(attributes)).not.toContain('张三');
  });
});

describe('case workflow / durability', () => {
  it('resumes after a worker restart mid-case, with the notice timer firing while no worker ran', async () => {
    const { id } = await submit();
    await toFirstReview(id);
    await decide(id, 'PROPOSE_APPROVAL', township, { opinion: '符合条件' });
    await worker.stop();

    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the 2 s notice ends with no worker running
    worker = await stack.startWorker();
    const view = await stepReached(id, 'countyReview');
    expect(view.timeline.map((t) => t.event)).toContain('TIMER:publicNoticePeriod');
    expect((await decide(id, 'APPROVE', county, { monthlyAmount: 420 })).step).toBe('inPayment');
    // Replay after the restart wrote nothing twice.
    expect(await auditEvents(id)).toHaveLength(7);
    expect(await noticeKinds(id)).toEqual(['publicNotice', 'approval']);
  });
});

describe('case workflow / continue-as-new', () => {
  let small: Stack;
  beforeAll(async () => {
    small = await openStack('case-can', { noticeSeconds: 4, historyLimit: 40 });
    await small.startWorker();
  });
  afterAll(async () => {
    await small?.close();
  });

  it('continues as new when history grows, carrying the snapshot, timeline and pending notice timer', async () => {
    const { view } = await small.commands.startApplication(applicationSchema.parse(anApplication()), window, undefined);
    const id = view.id;
    const send = (type: string, actor: Person, payload: Record<string, unknown> = {}) =>
      small.commands.submitEvent(id, { type, actor, payload });
    const handle = small.client.workflow.getHandle(id);
    const firstRun = (await handle.describe()).runId;

    await send('ACCEPT', window);
    await checkRunsFinished(small.commands, id);
    await send('RECORD_HOME_VISIT', township, homeVisit);
    await send('PROPOSE_APPROVAL', township, { opinion: '符合条件' });
    for (let i = 0; i < 3; i += 1) {
      await send('FILE_NOTICE_OBJECTION', village, { summary: `异议${i}`, complaint: false });
    }
    const review = await eventually(
      async () => {
        const v = await small.commands.readCase(id);
        return v.step === 'objectionReview' ? v : undefined;
      },
      20_000,
      'the notice timer to fire after continue-as-new'
    );

    expect((await handle.describe()).runId).not.toBe(firstRun);
    expect(review.timeline.map((t) => t.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(review.summary).toMatchObject({
      noticeObjections: expect.arrayContaining([expect.objectContaining({ summary: '异议2' })]),
    });
    // The timer's transition is in the view at once; its audit line lands when its record activity runs.
    const written = await eventually(async () => {
      const { rows } = await small.pool.query('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [id]);
      return rows[0].n >= 9 ? rows[0].n : undefined;
    });
    expect(written).toBe(9);
  });
});
