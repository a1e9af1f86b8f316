/**
 * The household economic check as workflow work, on a real Temporal server and PostgreSQL: the
 * registry stand-ins answer from their tables, one source is made to time out and one to refuse,
 * and every run is stored beside the earlier ones.
 */
import { applicationSchema } from '../../definitions/shared/application';
import type { ApplicationInput } from '../../definitions/shared/application';
import { withCheckCharacter } from '../../definitions/shared/identity';
import type { SourceId } from '../../definitions/eligibility';
import { sourceIds } from '../../definitions/eligibility';
import type { SourceCallPolicies, SourceCallPolicy } from '../../definitions/verification';
import type { DataSource, SourceRequest } from '../../registries/sources/dataSource';
import { SourceRefused } from '../../registries/sources/dataSource';
import { createRegistrySource } from '../../registries/sources/registrySource';
import type { CaseView } from '../../workflows/contract';
import { caseWorkflowType } from '../../workflows/contract';
import type { Person } from '../support/factories';
import { actors, anApplication, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, openStack } from '../support/stack';

const orgs = townshipOrgs('031');
const window = actors.window(orgs);

/** A household of its own (registry rows are keyed by id number and shared by the whole run). */
function household(serial: string): ApplicationInput {
  const applicant = withCheckCharacter(`37090219750301${serial}1`);
  const spouse = withCheckCharacter(`37090219770801${serial}2`);
  return anApplication({
    orgs,
    applicant: { name: '孙核对', idNumber: applicant, phone: '13900000000' },
    household: {
      address: '泰山区核对街道1号',
      members: [
        { name: '孙核对', idNumber: applicant, relation: 'self', birthDate: '1975-03-01', employment: 'unableToWork' },
        { name: '周核对', idNumber: spouse, relation: 'spouse', birthDate: '1977-08-01', employment: 'unemployed' },
      ],
    },
    declared: { monthlyIncome: 400, deposits: 1000 },
  });
}

/** Banks that can be taken down (queries hang past their timeout) and brought back. */
class SwitchableBanks implements DataSource {
  readonly id = 'banks' as const;
  readonly labelZh = '银行存款';
  down = false;
  calls = 0;
  constructor(private readonly real: DataSource) {}
  async query(request: SourceRequest) {
    this.calls += 1;
    if (this.down) await new Promise((resolve) => setTimeout(resolve, 2_000));
    return this.real.query(request);
  }
}

/** A utilities platform that refuses every request: permanent, never worth retrying. */
class RefusingUtilities implements DataSource {
  readonly id = 'utilities' as const;
  readonly labelZh = '水电气等辅助信息';
  calls = 0;
  query(): Promise<never> {
    this.calls += 1;
    return Promise.reject(
      new SourceRefused('utilities', 'authorisationRejected', '水电气信息平台拒绝核对：授权书不在其认可范围内')
    );
  }
}

const quick: SourceCallPolicy = {
  timeoutMs: 500,
  retry: { initialIntervalMs: 100, backoffCoefficient: 1, maximumIntervalMs: 100, maximumAttempts: 2 },
};
const policies = Object.fromEntries(sourceIds.map((id) => [id, quick])) as SourceCallPolicies;

let stack: Stack;
let banks: SwitchableBanks;
let utilities: RefusingUtilities;

beforeAll(async () => {
  stack = await openStack('data-check', { sourcePolicies: policies, checkRetrySeconds: 2 });
  banks = new SwitchableBanks(createRegistrySource(stack.pool, 'banks'));
  utilities = new RefusingUtilities();
});
afterAll(async () => {
  await stack?.close();
});

async function submit(application: ApplicationInput): Promise<string> {
  const { view } = await stack.commands.startApplication(applicationSchema.parse(application), window, undefined);
  return view.id;
}
const decide = (id: string, type: string, actor: Person, payload: Record<string, unknown> = {}) =>
  stack.commands.submitEvent(id, { type, actor, payload });
const checkStep = (view: CaseView) =>
  (view.stateValue as { investigation?: { dataCheck?: string } }).investigation?.dataCheck;

async function runsOf(id: string) {
  const { rows } = await stack.pool.query(
    `SELECT run, trigger, status, complete, eligible, monthly_amount FROM verification_runs WHERE case_id = $1 ORDER BY run`,
    [id]
  );
  return rows;
}
async function sourcesOf(
  id: string,
  run: number
): Promise<Record<SourceId, { status: string; error_zh: string | null }>> {
  const { rows } = await stack.pool.query(
    'SELECT source_id, status, error_zh FROM verification_sources WHERE case_id = $1 AND run = $2',
    [id, run]
  );
  return Object.fromEntries(rows.map((r) => [r.source_id, { status: r.status, error_zh: r.error_zh }])) as never;
}

describe('data check / fan-out over the sources', () => {
  let worker: Awaited<ReturnType<Stack['startWorker']>>;
  beforeAll(async () => {
    // The two adapters above; every other source reads the registry tables of this run's database.
    worker = await stack.startWorker({ sources: { banks, utilities } });
  });
  afterAll(async () => {
    await worker.stop();
  });

  it('a deposit over the limit fails the check with a notice giving the reasons; an objection re-checks in a new run', async () => {
    const application = household('11');
    const member = application.household.members[0]!.idNumber;
    await stack.pool.query(
      `INSERT INTO registry_banks (record_ref, id_number, bank_name, account_no, balance, as_of)
       VALUES ('T-DC-BANK-1', $1, '泰安银行', '6222000011', 120000, '2026-11-01')`,
      [member]
    );
    const id = await submit(application);
    await decide(id, 'ACCEPT', window);
    const failed = await checkRunsFinished(stack.commands, id, 1);
    expect(checkStep(failed)).toBe('failed');
    expect(failed.allowedEvents.map((e) => e.type)).toContain('OBJECT_TO_CHECK');

    const { rows: notices } = await stack.pool.query(
      `SELECT kind, body_zh FROM notices WHERE case_id = $1 AND kind = 'checkFailed'`,
      [id]
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].body_zh).toContain('家庭人均金融资产不超过规定');
    expect(notices[0].body_zh).toContain('异议');

    // The applicant shows the account was closed; the bank's record now says so.
    await stack.pool.query(`UPDATE registry_banks SET balance = 300 WHERE record_ref = 'T-DC-BANK-1'`);
    await decide(id, 'OBJECT_TO_CHECK', window, { evidence: '该账户已于11月销户，附销户凭证' });
    const rechecked = await checkRunsFinished(stack.commands, id, 2);
    expect(checkStep(rechecked)).toBe('completed');
    expect(rechecked.summary.dataCheck).toMatchObject({ outcome: 'passed', runs: 2, computedAmount: 1500 });

    expect(await runsOf(id)).toEqual([
      { run: 1, trigger: 'ACCEPT', status: 'completed', complete: true, eligible: false, monthly_amount: null },
      {
        run: 2,
        trigger: 'OBJECT_TO_CHECK',
        status: 'completed',
        complete: true,
        eligible: true,
        monthly_amount: '1500.00',
      },
    ]);
    // The first run's findings stay as they were found.
    const { rows: deposits } = await stack.pool.query(
      `SELECT run, amount FROM verification_findings WHERE case_id = $1 AND kind = 'deposit' ORDER BY run`,
      [id]
    );
    expect(deposits).toEqual([
      { run: 1, amount: '120000.00' },
      { run: 2, amount: '300.00' },
    ]);
  });

  it('a source timing out and one refusing: the others’ answers are kept, the check waits for the required one and completes on its retry', async () => {
    const id = await submit(household('22'));
    banks.down = true;
    const bankCallsBefore = banks.calls;
    const utilityCallsBefore = utilities.calls;
    await decide(id, 'ACCEPT', window);

    const waiting = await checkRunsFinished(stack.commands, id, 1);
    expect(checkStep(waiting)).toBe('incomplete');
    const first = await sourcesOf(id, 1);
    expect(first.banks).toMatchObject({ status: 'unavailable' });
    expect(first.banks.error_zh).toContain('超时');
    expect(first.utilities).toEqual({ status: 'refused', error_zh: '水电气信息平台拒绝核对：授权书不在其认可范围内' });
    expect(Object.values(first).filter((s) => s.status === 'answered')).toHaveLength(11);
    expect(banks.calls - bankCallsBefore).toBe(2); // retried up to the policy's attempts
    expect(utilities.calls - utilityCallsBefore).toBe(1); // a refusal is never retried

    banks.down = false;
    const done = await checkRunsFinished(stack.commands, id, 2);
    expect(checkStep(done)).toBe('completed');
    const runs = await runsOf(id);
    expect(runs.map((r) => [r.run, r.trigger, r.complete])).toEqual([
      [1, 'ACCEPT', false],
      [2, 'TIMER:dataCheckRetry', true],
    ]);
    // Utilities are supporting evidence only: still refused, and the check goes on without them.
    expect((await sourcesOf(id, 2)).utilities.status).toBe('refused');
    expect(done.timeline.map((t) => t.event)).toEqual([
      'SUBMIT',
      'ACCEPT',
      'DATA_CHECK_COMPLETED',
      'TIMER:dataCheckRetry',
      'DATA_CHECK_COMPLETED',
    ]);
  });
});

describe('data check / a run that cannot finish', () => {
  let worker: Awaited<ReturnType<Stack['startWorker']>>;
  beforeAll(async () => {
    worker = await stack.startWorker();
  });
  afterAll(async () => {
    await worker.stop();
  });

  it('is recorded as a run no source answered, and the case waits and asks again instead of failing', async () => {
    // A case whose input lost its eligibility rules: every run fails before any source is asked.
    const caseId = `DB-${orgs.county}-unfinished${Date.now()}`;
    const application = applicationSchema.parse(household('33'));
    const { eligibilityRules: _dropped, ...input } = stack.commands.caseInputFor(
      application,
      window,
      caseId,
      new Date()
    );
    const handle = await stack.client.workflow.start(caseWorkflowType, {
      workflowId: caseId,
      taskQueue: stack.taskQueue,
      args: [input],
    });
    try {
      await decide(caseId, 'ACCEPT', window);
      const waiting = await checkRunsFinished(stack.commands, caseId, 1);
      expect(checkStep(waiting)).toBe('incomplete');
      const dataCheck = waiting.summary.dataCheck as { outcome: string; latest: { summaryZh: string } };
      expect(dataCheck.outcome).toBe('pending');
      expect(dataCheck.latest.summaryZh).toContain('核对未能完成');
      expect(waiting.timeline.map((t) => t.event)).toEqual(['SUBMIT', 'ACCEPT', 'DATA_CHECK_COMPLETED']);

      // The chart's retry asks again; the workflow keeps running and no notice tells the applicant of a failed check.
      const retried = await checkRunsFinished(stack.commands, caseId, 2);
      expect(retried.timeline.map((t) => t.event)).toContain('TIMER:dataCheckRetry');
      expect((await handle.describe()).status.name).toBe('RUNNING');
      const { rows: notices } = await stack.pool.query(`SELECT kind FROM notices WHERE case_id = $1`, [caseId]);
      expect(notices).toEqual([]);
    } finally {
      await handle.terminate('test over');
    }
  });
});
