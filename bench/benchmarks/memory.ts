/**
 * memory — how much a worker holds per open case. A worker of its own (on its own task queue, its
 * sticky cache large enough for every case) receives `--open` cases in steps (default 1 000 then
 * 10 000 in all); each case is started as the window starts one and then waits at intake, as most
 * open cases wait for people. After each step, once the worker is idle, the process's RSS and heap
 * are sampled and compared with the same figures before the first case. The process also hosts the
 * stack's own (idle) worker and API, which is why the figure that matters is the growth per case.
 * With `--cache` below the number of open cases, the worker keeps only that many and the rest are
 * evicted; the benchmark then times one event (ACCEPT) to cases still cached (warm) and to cases
 * evicted long ago (cold: the worker replays the case's history first), 20 of each.
 */
import type { Worker } from '@temporalio/worker';
import { applicationSchema } from '../../definitions/shared/application';
import { createCaseCommands } from '../../api/applications/commands';
import { createWorker } from '../../worker/createWorker';
import type { BenchContext, BenchResult } from '../lib/benchmark';
import { benchActors as a, benchApplication, benchConfigEntries } from '../lib/households';
import { startProgress } from '../lib/progress';
import { LatencyRecorder, runPool } from '../lib/stats';

const MiB = 1024 * 1024;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface MemorySample {
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
}

function sample(): MemorySample {
  const usage = process.memoryUsage();
  const mib = (bytes: number) => Math.round(bytes / MiB);
  return { rssMiB: mib(usage.rss), heapUsedMiB: mib(usage.heapUsed), externalMiB: mib(usage.external) };
}

/** Waits until the worker has nothing in flight, then takes the median of five samples a second apart. */
async function settledSample(worker: Worker): Promise<MemorySample> {
  while (worker.getStatus().numInFlightWorkflowActivations > 0 || worker.getStatus().numInFlightActivities > 0) {
    await pause(200);
  }
  const samples: MemorySample[] = [];
  for (let i = 0; i < 5; i += 1) {
    await pause(1000);
    samples.push(sample());
  }
  const median = (pick: (s: MemorySample) => number) => samples.map(pick).sort((x, y) => x - y)[2] ?? NaN;
  return {
    rssMiB: median((s) => s.rssMiB),
    heapUsedMiB: median((s) => s.heapUsedMiB),
    externalMiB: median((s) => s.externalMiB),
  };
}

export async function memoryBenchmark({ stack, flags, log }: BenchContext): Promise<BenchResult> {
  const steps = [...flags.open].sort((x, y) => x - y);
  const largest = steps[steps.length - 1] ?? 0;
  const cache = flags.cache ?? largest + 100;
  const taskQueue = `${stack.taskQueue}-memory`;
  const extraConfigEntries = benchConfigEntries(flags.noticeMs);
  const worker = await createWorker({
    connection: stack.nativeConnection,
    namespace: stack.namespace,
    taskQueue,
    pool: stack.pool,
    payloadKeys: stack.payloadKeys,
    workflowBundlePath: stack.workflowBundlePath,
    extraConfigEntries,
    // By default every case stays in the sticky cache: the figure is what a cached case costs.
    maxCachedWorkflows: cache,
  });
  const running = worker.run();
  try {
    const commands = createCaseCommands({ client: stack.client, taskQueue, extraConfigEntries });
    const before = await settledSample(worker);
    log(`before: ${JSON.stringify(before)}`);
    const results: Record<string, unknown> = { before };
    let opened = 0;
    const ids: string[] = [];
    for (const target of steps) {
      const stop = startProgress(`memory → ${target}`, target, () => opened);
      const started = performance.now();
      const from = opened;
      await runPool(target - from, flags.concurrency, async (i) => {
        const application = applicationSchema.parse(benchApplication(5_000_000 + from + i));
        const { view } = await commands.startApplication(application, a.window, undefined);
        ids.push(view.id);
        opened += 1;
      });
      stop();
      const startsPerSecond = (target - from) / ((performance.now() - started) / 1000);
      const after = await settledSample(worker);
      const cached = worker.getStatus().numCachedWorkflows;
      const perCaseKiB = Math.round(((after.rssMiB - before.rssMiB) * 1024) / target);
      log(`${target} open (${cached} cached): ${JSON.stringify(after)}, ${perCaseKiB} KiB RSS per case`);
      results[`${target} open`] = {
        cachedWorkflows: cached,
        ...after,
        rssGrowthMiB: after.rssMiB - before.rssMiB,
        rssPerCaseKiB: perCaseKiB,
        startsPerSecond: Math.round(startsPerSecond * 10) / 10,
      };
    }
    if (cache < largest) {
      // Cases are evicted least recently used first: the first ids are long gone, the last still cached.
      const latency = new LatencyRecorder();
      const accept = (id: string, name: string) =>
        latency.time(name, () => commands.submitEvent(id, { type: 'ACCEPT', actor: a.window, payload: {} }));
      for (let i = 0; i < 20; i += 1) {
        await accept(ids[ids.length - 1 - i]!, 'warm (cached) event ms');
        await accept(ids[i]!, 'cold (evicted) event ms');
      }
      Object.assign(results, latency.summaries());
    }
    return { params: { open: steps, cache, concurrency: flags.concurrency }, metrics: results };
  } finally {
    worker.shutdown();
    await running;
  }
}
