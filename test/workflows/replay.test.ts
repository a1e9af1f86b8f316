/**
 * The replay gate: the golden histories in test/histories/ (recorded from the real server by
 * `npm run histories:capture`) replay against today's workflow code without a nondeterminism
 * error, every registered workflow type has one, and `npm run replay`'s server replay sees a
 * running case.
 */
import { applicationSchema } from '../../definitions/shared/application';
import { registeredWorkflowTypes, replayBatch, replayCode, replayFromServer } from '../../temporal/replay';
import { testEnvironment } from '../support/environment';
import { actors, anApplication } from '../support/factories';
import { goldenPaths, readGoldenHistories } from '../support/goldenHistories';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

const golden = readGoldenHistories();

let stack: Stack;
// Opened first: it also quiets the SDK's runtime logging for the replay workers.
beforeAll(async () => {
  stack = await openStack('replay');
  await stack.startWorker();
});
afterAll(async () => {
  await stack?.close();
});

describe('replay gate / golden histories', () => {
  it('replays every golden history against the current workflow code without an error', async () => {
    const summary = await replayBatch(
      await replayCode(testEnvironment().dataConverter, testEnvironment().workflowBundlePath),
      golden.map((g) => ({ label: g.file, workflowType: g.workflowType, history: g.history }))
    );
    expect(summary.failures).toEqual([]);
    expect(summary.replayed).toBe(golden.length);
  });

  it('has a history of every workflow type the worker registers, and of every golden path', () => {
    expect([...new Set(golden.map((g) => g.workflowType))].sort()).toEqual([...registeredWorkflowTypes]);
    // Folders beyond the golden paths are older histories kept beside them (docs/change-safety.md).
    const recorded = new Set(golden.map((g) => g.file.split('/')[0]));
    expect(goldenPaths.map((p) => p.name).filter((name) => !recorded.has(name))).toEqual([]);
  });

  it('holds a continued-as-new run', () => {
    const continued = golden.filter((g) =>
      g.history.events?.some((e) => e.workflowExecutionContinuedAsNewEventAttributes)
    );
    expect(continued.length).toBeGreaterThan(0);
  });
});

describe('replay gate / npm run replay against a server', () => {
  it('replays a running case straight from the server: one replayed, none failed', async () => {
    await stack.commands.startApplication(applicationSchema.parse(anApplication()), actors.window(), undefined);
    const summary = await eventually(
      async () => {
        const s = await replayFromServer(stack.client, {
          closedWithinDays: 1,
          batchSize: 10,
          workflowBundlePath: testEnvironment().workflowBundlePath,
          extraQuery: `TaskQueue = '${stack.taskQueue}'`,
        });
        return s.replayed > 0 ? s : undefined;
      },
      15_000,
      'the new case to show in the visibility listing'
    );
    expect(summary).toEqual({ replayed: 1, failures: [] });
  });
});
