/**
 * Stuck cases over the real stack: a worker whose transition records fail for chosen cases (as if
 * the database refused them) makes those cases stuck for real; the supervisor finds them through
 * Temporal, sends one to try again once the fault is fixed, and terminates another with a reason.
 */
import type { Worker } from '@temporalio/worker';
import { Worker as TemporalWorker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { createActivities } from '../../activities';
import { createStuckCaseOperations, TERMINATION_REASON_IN_DETAILS } from '../../api/stuckCases/operations';
import type { AuditRecord, CaseRecord } from '../../db/records';
import { verifyAuditChain } from '../../db/auditChain';
import { createRegistrySources } from '../../registries/sources/registrySource';
import type { ApiResponse, TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { testEnvironment } from '../support/environment';
import type { Person } from '../support/factories';
import { actors, anApplication, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;
let worker: Worker;
let workerDone: Promise<void>;

// This file's own township, so the scan sees only its cases.
const orgs = townshipOrgs('091');
const window = actors.window(orgs);
const supervisor = actors.supervisor(orgs);
const otherTownshipSupervisor: Person = { userId: 'sup-092', role: 'supervisor', org: `${orgs.county}092` };
const stuckList = `/api/supervision/stuck?org=${orgs.township}`;

/** Cases whose transition records fail, with the message the "database" gives. */
const failingRecords = new Set<string>();
const faultMessage = (caseId: string) => `database refused the write for ${caseId} (test fault)`;

beforeAll(async () => {
  stack = await openStack('stuck');
  const real = createActivities({ pool: stack.pool, sources: createRegistrySources(stack.pool) });
  worker = await TemporalWorker.create({
    connection: stack.nativeConnection,
    namespace: testEnvironment().namespace,
    taskQueue: stack.taskQueue,
    dataConverter: testEnvironment().dataConverter,
    workflowBundle: { codePath: testEnvironment().workflowBundlePath },
    activities: {
      ...real,
      async recordTransition(row: { caseRecord: CaseRecord; audit: AuditRecord }) {
        if (failingRecords.has(row.caseRecord.id)) throw new Error(faultMessage(row.caseRecord.id));
        return real.recordTransition(row);
      },
    },
  });
  workerDone = worker.run();
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  worker?.shutdown();
  await workerDone;
  await stack?.close();
});

interface Problem {
  kind: string;
  activityType?: string;
  attempt: number;
  lastFailure?: { message: string } | null;
  nextAttemptAt?: string | null;
  lastAttemptAt?: string | null;
}
interface Item {
  caseId: string;
  problems: Problem[];
}

/** A new case whose ACCEPT is sent but cannot be recorded: the update waits on the failing write. */
async function caseStuckOnAccept(): Promise<{ id: string; accepted: Promise<ApiResponse> }> {
  const started = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  failingRecords.add(id);
  const accepted = api.call('POST', `/api/applications/${id}/events`, window, { type: 'ACCEPT' });
  return { id, accepted };
}

async function stuckEntry(id: string, until: (p: Problem) => boolean, timeoutMs = 30_000): Promise<Item> {
  return eventually(
    async () => {
      const res = await api.call('GET', stuckList, supervisor);
      expect(res.status).toBe(200);
      const item = (res.body.items as Item[]).find((i) => i.caseId === id);
      return item?.problems.some(until) ? item : undefined;
    },
    timeoutMs,
    `case ${id} in the stuck list`
  );
}

describe('supervision / stuck cases: a retrying activity', () => {
  it('lists a case whose record keeps failing, with the activity, attempt and failure message', async () => {
    const { id, accepted } = await caseStuckOnAccept();
    const item = await stuckEntry(id, (p) => p.kind === 'activityRetrying' && p.attempt >= 3);
    const problem = item.problems.find((p) => p.kind === 'activityRetrying')!;
    expect(problem).toMatchObject({ activityType: 'recordTransition', lastFailure: { message: faultMessage(id) } });
    expect(Date.parse(problem.lastAttemptAt!)).toBeLessThanOrEqual(Date.now());
    expect(problem.nextAttemptAt).not.toBeNull();

    // Wait until the server's own next try is several seconds off, so "now" is measurably sooner.
    const late = await stuckEntry(
      id,
      (p) => p.kind === 'activityRetrying' && Date.parse(p.nextAttemptAt ?? '') - Date.now() > 3_000,
      40_000
    );
    const nextByServer = Date.parse(late.problems.find((p) => p.kind === 'activityRetrying')!.nextAttemptAt!);

    failingRecords.delete(id);
    const retried = await api.call('POST', `/api/supervision/stuck/${id}/retry`, supervisor);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      caseId: id,
      action: 'activityReset',
      activities: [expect.objectContaining({ activityType: 'recordTransition' })],
    });

    // The waiting decision completes before the server would have tried again by itself.
    const decision = await accepted;
    expect(decision.status).toBe(200);
    expect(Date.now()).toBeLessThan(nextByServer);
    expect(decision.body.step).toMatch(/^investigation/);

    const after = await api.call('GET', stuckList, supervisor);
    expect((after.body.items as Item[]).map((i) => i.caseId)).not.toContain(id);
    const again = await api.call('POST', `/api/supervision/stuck/${id}/retry`, supervisor);
    expect(again.status).toBe(409);
  }, 90_000);
});

describe('supervision / stuck cases: terminating with a reason', () => {
  let id: string;
  let accepted: Promise<ApiResponse>;
  const reason = '申请人已迁出本县，数据写入持续失败，经核实终止办理';

  beforeAll(async () => {
    ({ id, accepted } = await caseStuckOnAccept());
    await stuckEntry(id, (p) => p.kind === 'activityRetrying');
  }, 40_000);

  it('refuses a termination without a reason, in Chinese, with the field path', async () => {
    const res = await api.call('POST', `/api/supervision/stuck/${id}/terminate`, supervisor, { reason: ' ' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    expect(res.body.error.issues[0].message).toMatch(/终止原因/);
    const missing = await api.call('POST', `/api/supervision/stuck/${id}/terminate`, supervisor, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].message).toBe('请填写终止原因');
  });

  it('refuses window staff, supervisors of another township, and unknown cases', async () => {
    const byWindow = await api.call('POST', `/api/supervision/stuck/${id}/terminate`, window, { reason });
    expect(byWindow.status).toBe(403);
    expect((await api.call('GET', stuckList, window)).status).toBe(403);
    const outside = await api.call('POST', `/api/supervision/stuck/${id}/terminate`, otherTownshipSupervisor, {
      reason,
    });
    expect(outside.status).toBe(403);
    expect((await api.call('POST', `/api/supervision/stuck/${id}/retry`, otherTownshipSupervisor)).status).toBe(403);
    const otherList = await api.call('GET', '/api/supervision/stuck', otherTownshipSupervisor);
    expect((otherList.body.items as Item[]).map((i) => i.caseId)).not.toContain(id);
    const unknown = await api.call('POST', '/api/supervision/stuck/DB-379901-nosuchcase/terminate', supervisor, {
      reason,
    });
    expect(unknown.status).toBe(404);
  });

  it('terminates the workflow, writes the audit line and closes the case in the read model', async () => {
    const res = await api.call('POST', `/api/supervision/stuck/${id}/terminate`, supervisor, { reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId: id, status: 'done', step: 'terminatedBySupervisor', reason });

    const description = await stack.client.workflow.getHandle(id).describe();
    expect(description.status.name).toBe('TERMINATED');

    const { rows: audit } = await stack.pool.query(
      `SELECT seq, actor_user, actor_role, event, from_state, to_state, comment FROM case_events
        WHERE case_id = $1 ORDER BY seq`,
      [id]
    );
    expect(audit[audit.length - 1]).toEqual({
      seq: res.body.seq,
      actor_user: supervisor.userId,
      actor_role: 'supervisor',
      event: 'TERMINATED_BY_SUPERVISOR',
      from_state: 'intake',
      to_state: 'terminatedBySupervisor',
      comment: reason,
    });
    const chain = await verifyAuditChain(stack.pool, { caseId: id });
    expect(chain.firstBreak).toBeNull();

    const { rows: cases } = await stack.pool.query(
      'SELECT status, step, step_label_zh, closed_at, version FROM cases WHERE id = $1',
      [id]
    );
    expect(cases[0]).toMatchObject({
      status: 'done',
      step: 'terminatedBySupervisor',
      step_label_zh: '已由监督人员终止',
      version: res.body.seq,
    });
    expect(cases[0].closed_at).not.toBeNull();
    const { rows: openTasks } = await stack.pool.query(
      "SELECT id FROM tasks WHERE case_id = $1 AND status IN ('open', 'claimed')",
      [id]
    );
    expect(openTasks).toEqual([]);

    // The decision that was waiting on the failed write is not applied.
    expect((await accepted).status).not.toBe(200);
    const list = await api.call('GET', stuckList, supervisor);
    expect((list.body.items as Item[]).map((i) => i.caseId)).not.toContain(id);
  });

  it('answers a second termination with 409 and a clear message', async () => {
    const res = await api.call('POST', `/api/supervision/stuck/${id}/terminate`, supervisor, { reason });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/已于.*终止，不能重复终止/);
    const { rows } = await stack.pool.query(
      "SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND event = 'TERMINATED_BY_SUPERVISOR'",
      [id]
    );
    expect(rows[0].n).toBe(1);
  });
});

describe('supervision / stuck cases: a termination interrupted before it was recorded', () => {
  it('records the line from the run’s termination when the supervisor terminates again', async () => {
    const { id, accepted } = await caseStuckOnAccept();
    await stuckEntry(id, (p) => p.kind === 'activityRetrying');
    // The first half of a termination only, as if the API process stopped before its transaction.
    const operations = createStuckCaseOperations(stack.client);
    await operations.terminate(await operations.describeCase(id), supervisor, '第一次终止：写入前进程中断');
    expect((await accepted).status).not.toBe(200);
    // The reason may name the household: in the history it is encrypted, in clear only the pointer to it.
    const history = await stack.client.workflow.getHandle(id).fetchHistory();
    const terminated = history.events?.find(
      (e) => e.workflowExecutionTerminatedEventAttributes
    )?.workflowExecutionTerminatedEventAttributes;
    expect(terminated?.reason).toBe(TERMINATION_REASON_IN_DETAILS);
    expect(Buffer.from(temporal.api.history.v1.History.encode(history).finish()).includes('写入前进程中断')).toBe(
      false
    );

    const res = await api.call('POST', `/api/supervision/stuck/${id}/terminate`, supervisor, {
      reason: '第二次提交的原因',
    });
    expect(res.status).toBe(200);
    // The reason recorded is the one the run was terminated with.
    expect(res.body.reason).toBe('第一次终止：写入前进程中断');
    const { rows } = await stack.pool.query(
      "SELECT actor_user, comment FROM case_events WHERE case_id = $1 AND event = 'TERMINATED_BY_SUPERVISOR'",
      [id]
    );
    expect(rows).toEqual([{ actor_user: supervisor.userId, comment: '第一次终止：写入前进程中断' }]);
    expect(
      (await api.call('POST', `/api/supervision/stuck/${id}/terminate`, supervisor, { reason: '再次提交终止请求' }))
        .status
    ).toBe(409);
  }, 40_000);
});

describe('supervision / stuck cases: paging and description', () => {
  it('scans page by page with a cursor tied to its org, refuses a bad limit or cursor, and leaves healthy cases alone', async () => {
    // Two running cases at least (the retried one is still running), so a page of one has a next page.
    const healthy = await api.call('POST', '/api/applications', window, anApplication({ orgs }));
    expect(healthy.status).toBe(201);
    const refused = await api.call(
      'POST',
      `/api/supervision/stuck/${healthy.body.id as string}/terminate`,
      supervisor,
      {
        reason: '测试：正常案件不应被终止',
      }
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/运行正常/);
    const first = await api.call('GET', `${stuckList}&limit=1`, supervisor);
    expect(first.status).toBe(200);
    expect(first.body.scanned).toBe(1);
    expect(first.body.minActivityAttempts).toBe(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const cursor = first.body.nextCursor as string;
    const next = await api.call('GET', `${stuckList}&limit=1&cursor=${cursor}`, supervisor);
    expect(next.status).toBe(200);
    expect(next.body.scanned).toBe(1);
    // A token belongs to its own query: the same cursor for another org is refused.
    const elsewhere = await api.call('GET', `/api/supervision/stuck?limit=1&cursor=${cursor}`, supervisor);
    expect(elsewhere.status).toBe(400);
    const tooMany = await api.call('GET', `${stuckList}&limit=500`, supervisor);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.issues[0]).toMatchObject({ path: 'query.limit', message: 'limit 不能超过 100' });
    const garbled = await api.call('GET', `${stuckList}&cursor=nonsense`, supervisor);
    expect(garbled.status).toBe(400);
  });

  it('describes the stuck list and both actions in the OpenAPI document', async () => {
    const res = await api.call('GET', '/api/openapi.json', null);
    const names = res.body.paths['/api/supervision/stuck'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['org', 'limit', 'cursor']));
    expect(res.body.paths['/api/supervision/stuck/{caseId}/retry'].post).toBeDefined();
    const terminate = res.body.paths['/api/supervision/stuck/{caseId}/terminate'].post;
    expect(terminate.requestBody.content['application/json'].schema.required).toEqual(['reason']);
  });
});
