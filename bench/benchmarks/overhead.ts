/**
 * overhead — the same cases driven twice through the Temporal client, on the same server in the
 * same run: once through Yilian's case workflow (chart, validation, read model, audit), once
 * through a bare workflow with the same number of updates, activities and timers. The ratio
 * yilian / bare is the engine's cost; the target is ≤ 1.25. Both sides encrypt their payloads
 * with the stack's key ring, as production does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { applicationSchema } from '../../definitions/shared/application';
import { failureConverterPath } from '../../temporal/dataConverter';
import type { BarePlan, bareWorkflow } from '../bare/workflows';
import { bareCheckedQuery, bareReadyUpdate, bareStateQuery, bareStepUpdate } from '../bare/workflows';
import * as bareActivities from '../bare/activities';
import type { BenchContext, BenchResult } from '../lib/benchmark';
import { benchActors as a, benchApplication, homeVisitPayload } from '../lib/households';
import { startProgress } from '../lib/progress';
import type { LatencySummary } from '../lib/stats';
import { LatencyRecorder, runPool, summarize } from '../lib/stats';

interface Side {
  seconds: number;
  casesPerSecond: number;
  updateLatencyMs: LatencySummary;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function yilianSide({ stack, flags }: BenchContext, offset: number): Promise<Side> {
  const n = flags.overheadN;
  const latency = new LatencyRecorder();
  let done = 0;
  const stop = startProgress('overhead/yilian', n, () => done);
  const started = performance.now();
  await runPool(n, flags.concurrency, async (i) => {
    const application = applicationSchema.parse(benchApplication(offset + i));
    const { view } = await latency.time('update', () =>
      stack.commands.startApplication(application, a.window, undefined)
    );
    const send = (actor: (typeof a)[keyof typeof a], type: string, payload: Record<string, unknown> = {}) =>
      latency.time('update', () => stack.commands.submitEvent(view.id, { type, actor, payload }));
    await send(a.window, 'ACCEPT');
    // The data check (13 sources) runs by itself; its result arrives as a system event.
    while (!(await stack.commands.readCase(view.id)).timeline.some((t) => t.event === 'DATA_CHECK_COMPLETED')) {
      await pause(20);
    }
    await send(a.township, 'RECORD_HOME_VISIT', homeVisitPayload);
    await send(a.township, 'PROPOSE_APPROVAL', { opinion: '符合条件' });
    while ((await stack.commands.readCase(view.id)).step !== 'countyReview') await pause(100);
    await send(a.county, 'APPROVE', { monthlyAmount: 650 });
    done += 1;
  });
  const seconds = (performance.now() - started) / 1000;
  stop();
  return { seconds, casesPerSecond: n / seconds, updateLatencyMs: summarize(latency.all()) };
}

async function bareSide({ stack, flags, log }: BenchContext): Promise<Side> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-bare-'));
  try {
    const bundlePath = path.join(dir, 'bare.js');
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../bare/workflows'),
      // The same converters as Yilian's side, so the comparison is of the engine, not of the encryption.
      failureConverterPath,
      logger: new DefaultLogger('WARN'),
    });
    await writeFile(bundlePath, code);
    const taskQueue = `${stack.taskQueue}-bare`;
    const worker = await Worker.create({
      connection: stack.nativeConnection,
      namespace: stack.namespace,
      taskQueue,
      dataConverter: stack.dataConverter,
      workflowBundle: { codePath: bundlePath },
      activities: bareActivities,
    });
    const running = worker.run();
    try {
      log('bare worker running');
      // Activities per step, as a dibao case does them: one record per event, plus the notice
      // (publicNotice) and, on approval, the approval notice and the first payment. After ACCEPT,
      // the data check's fan-out over 13 sources runs in the background.
      const stepActivities = [1, 1, 2, 3];
      const plan: BarePlan = {
        fanOut: 13,
        timerAfterStep: 3,
        timerMs: flags.noticeMs,
        steps: stepActivities.length,
      };
      const n = flags.overheadN;
      const latency = new LatencyRecorder();
      let done = 0;
      const stop = startProgress('overhead/bare', n, () => done);
      const started = performance.now();
      await runPool(n, flags.concurrency, async (i) => {
        const handle = await latency.time('update', async () => {
          const h = await stack.client.workflow.start<typeof bareWorkflow>('bareWorkflow', {
            workflowId: `bare-${taskQueue}-${i}`,
            taskQueue,
            args: [plan],
          });
          await h.executeUpdate(bareReadyUpdate);
          return h;
        });
        for (const [step, count] of stepActivities.entries()) {
          if (step === 1) {
            while (!(await handle.query(bareCheckedQuery))) await pause(20);
          }
          if (step === plan.timerAfterStep) {
            while ((await handle.query(bareStateQuery)) < plan.timerAfterStep + 1) await pause(100);
          }
          await latency.time('update', () => handle.executeUpdate(bareStepUpdate, { args: [count] }));
        }
        done += 1;
      });
      const seconds = (performance.now() - started) / 1000;
      stop();
      return { seconds, casesPerSecond: n / seconds, updateLatencyMs: summarize(latency.all()) };
    } finally {
      worker.shutdown();
      await running;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function overheadBenchmark(context: BenchContext): Promise<BenchResult> {
  const { flags, log } = context;
  log(`${flags.overheadN} cases each way, ${flags.concurrency} concurrent clients, notice ${flags.noticeMs} ms`);
  // Distinct households from the chain benchmark's, in case both run in one invocation.
  const yilian = await yilianSide(context, 1_000_000);
  const bare = await bareSide(context);
  return {
    params: {
      n: flags.overheadN,
      concurrency: flags.concurrency,
      noticeMs: flags.noticeMs,
      updatesPerCase: 5,
      activitiesPerCase: 25,
    },
    metrics: {
      yilian: { ...yilian, seconds: round(yilian.seconds), casesPerSecond: round(yilian.casesPerSecond) },
      bare: { ...bare, seconds: round(bare.seconds), casesPerSecond: round(bare.casesPerSecond) },
      ratio: {
        /** How much longer the same work takes through Yilian (throughput). */
        throughput: round(bare.casesPerSecond / yilian.casesPerSecond),
        latencyP50: round(yilian.updateLatencyMs.p50 / bare.updateLatencyMs.p50),
        latencyP95: round(yilian.updateLatencyMs.p95 / bare.updateLatencyMs.p95),
        latencyP99: round(yilian.updateLatencyMs.p99 / bare.updateLatencyMs.p99),
      },
    },
  };
}
