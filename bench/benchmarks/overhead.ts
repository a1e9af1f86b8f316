/**
 * overhead — the same cases driven through the Temporal client, on the same server in the same
 * run: through Yilian's case workflow (chart, validation, read model, audit), and through a bare
 * workflow with the same number of updates, activities, timers and PostgreSQL writes of the same
 * size (bench/README.md says exactly what each side does). The sides alternate, `--rounds` times
 * (Y B, B Y, Y B, …), and the ratios yilian / bare are reported per round and as the median with
 * its spread; the target is ≤ 1.25. Both sides encrypt their payloads with the stack's key ring,
 * as production does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { applicationSchema } from '../../definitions/shared/application';
import { failureConverterPath } from '../../temporal/dataConverter';
import type { BarePlan, bareWorkflow } from '../bare/workflows';
import { bareCheckedQuery, bareReadyUpdate, bareStateQuery, bareStepUpdate } from '../bare/workflows';
import { bareTablesSql, createBareActivities } from '../bare/activities';
import type { BenchContext, BenchResult } from '../lib/benchmark';
import { benchActors as a, benchApplication, homeVisitPayload } from '../lib/households';
import { startProgress } from '../lib/progress';
import type { LatencySummary } from '../lib/stats';
import { LatencyRecorder, percentile, runPool, summarize } from '../lib/stats';

interface Side {
  seconds: number;
  casesPerSecond: number;
  updateLatencyMs: LatencySummary;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function yilianSide({ stack, flags }: BenchContext, offset: number, label: string): Promise<Side> {
  const n = flags.overheadN;
  const latency = new LatencyRecorder();
  let done = 0;
  const stop = startProgress(`overhead/${label}`, n, () => done);
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

/** The bare side's worker, on a task queue of its own, running for every bare round. */
async function startBareWorker({ stack, log }: BenchContext): Promise<{ taskQueue: string; stop(): Promise<void> }> {
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
    await stack.pool.query(bareTablesSql);
    const taskQueue = `${stack.taskQueue}-bare`;
    const worker = await Worker.create({
      connection: stack.nativeConnection,
      namespace: stack.namespace,
      taskQueue,
      dataConverter: stack.dataConverter,
      workflowBundle: { codePath: bundlePath },
      activities: createBareActivities(stack.pool),
    });
    const running = worker.run();
    log('bare worker running');
    return {
      taskQueue,
      async stop() {
        worker.shutdown();
        await running;
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The average sizes of the rows Yilian's record activity writes (the case's row with its view, one
 * event row), so each bare record writes as much.
 */
async function recordSizes({ stack }: BenchContext): Promise<{ caseBytes: number; eventBytes: number }> {
  const { rows } = await stack.pool.query<{ case_bytes: string; event_bytes: string }>(
    `SELECT (SELECT avg(octet_length(c::text)) FROM cases c)::int AS case_bytes,
            (SELECT avg(octet_length(e::text)) FROM case_events e)::int AS event_bytes`
  );
  return { caseBytes: Number(rows[0]?.case_bytes ?? 0), eventBytes: Number(rows[0]?.event_bytes ?? 0) };
}

async function bareSide(
  { stack, flags }: BenchContext,
  taskQueue: string,
  sizes: { caseBytes: number; eventBytes: number },
  round: number,
  label: string
): Promise<Side> {
  // Activities per step, as a dibao case does them: one record per event, plus the notice
  // (publicNotice) and, on approval, the approval notice and the first payment. After ACCEPT,
  // the data check's fan-out over 13 sources runs in the background.
  const stepActivities = [1, 1, 2, 3];
  const plan: BarePlan = {
    fanOut: 13,
    timerAfterStep: 3,
    timerMs: flags.noticeMs,
    steps: stepActivities.length,
    ...sizes,
  };
  const n = flags.overheadN;
  const latency = new LatencyRecorder();
  let done = 0;
  const stop = startProgress(`overhead/${label}`, n, () => done);
  const started = performance.now();
  await runPool(n, flags.concurrency, async (i) => {
    const handle = await latency.time('update', async () => {
      const h = await stack.client.workflow.start<typeof bareWorkflow>('bareWorkflow', {
        workflowId: `bare-${taskQueue}-${round}-${i}`,
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
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Ratios {
  throughput: number;
  latencyP50: number;
  latencyP95: number;
  latencyP99: number;
}

function ratiosOf(yilian: Side, bare: Side): Ratios {
  return {
    /** How much longer the same work takes through Yilian (throughput). */
    throughput: round(bare.casesPerSecond / yilian.casesPerSecond),
    latencyP50: round(yilian.updateLatencyMs.p50 / bare.updateLatencyMs.p50),
    latencyP95: round(yilian.updateLatencyMs.p95 / bare.updateLatencyMs.p95),
    latencyP99: round(yilian.updateLatencyMs.p99 / bare.updateLatencyMs.p99),
  };
}

/** Median and spread (min–max) of one figure over the rounds. */
function spread(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((x, y) => x - y);
  return { median: round(percentile(sorted, 50)), min: round(sorted[0] ?? NaN), max: round(sorted.at(-1) ?? NaN) };
}

const shown = (side: Side) => ({ ...side, seconds: round(side.seconds), casesPerSecond: round(side.casesPerSecond) });

export async function overheadBenchmark(context: BenchContext): Promise<BenchResult> {
  const { flags, log } = context;
  log(
    `${flags.rounds} rounds of ${flags.overheadN} cases each way, ${flags.concurrency} concurrent clients, ` +
      `notice ${flags.noticeMs} ms`
  );
  const bareWorker = await startBareWorker(context);
  try {
    const rounds: { order: string; yilian: ReturnType<typeof shown>; bare: ReturnType<typeof shown>; ratio: Ratios }[] =
      [];
    let sizes: { caseBytes: number; eventBytes: number } | undefined;
    for (let r = 0; r < flags.rounds; r += 1) {
      // Distinct households from the chain benchmark's and from each other round's.
      const runYilian = async () => {
        const side = await yilianSide(context, 1_000_000 + r * flags.overheadN, `yilian ${r + 1}`);
        sizes ??= await recordSizes(context);
        return side;
      };
      const runBare = () => bareSide(context, bareWorker.taskQueue, sizes!, r, `bare ${r + 1}`);
      // Alternate which side goes first, so warm-up and a drifting machine fall on both.
      const yilianFirst = r % 2 === 0 || sizes === undefined;
      let yilian: Side;
      let bare: Side;
      if (yilianFirst) {
        yilian = await runYilian();
        bare = await runBare();
      } else {
        bare = await runBare();
        yilian = await runYilian();
      }
      const ratio = ratiosOf(yilian, bare);
      log(`round ${r + 1} (${yilianFirst ? 'Y B' : 'B Y'}): ${JSON.stringify(ratio)}`);
      rounds.push({
        order: yilianFirst ? 'yilian, bare' : 'bare, yilian',
        yilian: shown(yilian),
        bare: shown(bare),
        ratio,
      });
    }
    const of = (pick: (ratio: Ratios) => number) => spread(rounds.map((x) => pick(x.ratio)));
    return {
      params: {
        n: flags.overheadN,
        rounds: flags.rounds,
        concurrency: flags.concurrency,
        noticeMs: flags.noticeMs,
        updatesPerCase: 5,
        activitiesPerCase: 25,
        bareRecordBytes: sizes,
      },
      metrics: {
        ratio: {
          throughput: of((x) => x.throughput),
          latencyP50: of((x) => x.latencyP50),
          latencyP95: of((x) => x.latencyP95),
          latencyP99: of((x) => x.latencyP99),
        },
        ...Object.fromEntries(rounds.map((x, i) => [`round ${i + 1} (${x.order})`, x])),
      },
    };
  } finally {
    await bareWorker.stop();
  }
}
