/**
 * A case whose workflow code fails (a bug in a release) over the real stack: its workflow task
 * fails on every attempt, the supervisor's stuck list shows the failure's cause and message, and
 * once the fix is deployed a retry resets the case to its last good workflow task, where the fixed
 * code picks it up and handles the decision that the broken release could not.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { CaseCounty, CaseProgram, CaseTownship } from '../../workflows/searchAttributes';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import { testEnvironment, uniqueTaskQueue } from '../support/environment';
import { pokeSignal } from '../support/failingWorkflow/signals';
import { actors, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

let stack: Stack;
let api: TestApi;

// The stuck-case tests' township (suffix 091); this file asserts on its own case ids only.
const orgs = townshipOrgs('091');
const supervisor = actors.supervisor(orgs);
const taskQueue = uniqueTaskQueue('stuck-wft');

/** A worker running one release of the test workflow, on this file's own task queue. */
async function runRelease(file: 'broken' | 'fixed') {
  const worker = await Worker.create({
    connection: stack.nativeConnection,
    namespace: testEnvironment().namespace,
    taskQueue,
    dataConverter: testEnvironment().dataConverter,
    workflowsPath: require.resolve(`../support/failingWorkflow/${file}`),
  });
  const done = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await done;
    },
  };
}

beforeAll(async () => {
  stack = await openStack('stuck-wft');
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

interface Problem {
  kind: string;
  attempt: number;
  cause?: string | null;
  message?: string | null;
}

describe('supervision / stuck cases: a failing workflow task', () => {
  it('lists the case with the failure cause, and a retry after the fix resets it so the case proceeds', async () => {
    const broken = await runRelease('broken');
    const id = `DB-${orgs.county}-wft${randomUUID().slice(0, 8)}`;
    const handle = await stack.client.workflow.start('caseWorkflow', {
      workflowId: id,
      taskQueue,
      typedSearchAttributes: [
        { key: CaseProgram, value: 'dibao' },
        { key: CaseCounty, value: orgs.county },
        { key: CaseTownship, value: orgs.township },
      ],
    });
    const firstRunId = handle.firstExecutionRunId;
    await handle.signal(pokeSignal);

    const problem = await eventually(
      async () => {
        const res = await api.call('GET', `/api/supervision/stuck?org=${orgs.township}`, supervisor);
        const item = (res.body.items as { caseId: string; problems: Problem[] }[]).find((i) => i.caseId === id);
        return item?.problems.find((p) => p.kind === 'workflowTaskFailing');
      },
      60_000,
      'the failing workflow task in the stuck list'
    );
    expect(problem.attempt).toBeGreaterThanOrEqual(2);
    expect(problem.cause).toBe('WORKFLOW_WORKER_UNHANDLED_FAILURE');
    expect(problem.message).toContain('cannot read the chart snapshot');

    // The broken release is withdrawn; the case waits for a worker with its task still failed.
    await broken.stop();
    const retried = await api.call('POST', `/api/supervision/stuck/${id}/retry`, supervisor);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ caseId: id, action: 'workflowReset', activities: [] });
    expect(retried.body.runId).not.toBe(firstRunId);

    const fixed = await runRelease('fixed');
    try {
      const result: unknown = await stack.client.workflow.getHandle(id, retried.body.runId as string).result();
      expect(result).toBe('handled by the fixed release');
    } finally {
      await fixed.stop();
    }
    const oldRun = await stack.client.workflow.getHandle(id, firstRunId).describe();
    expect(oldRun.status.name).toBe('TERMINATED');
    const list = await api.call('GET', `/api/supervision/stuck?org=${orgs.township}`, supervisor);
    expect((list.body.items as { caseId: string }[]).map((i) => i.caseId)).not.toContain(id);
  }, 120_000);
});
