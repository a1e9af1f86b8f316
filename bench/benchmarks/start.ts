/**
 * start — a burst of `POST /api/applications`: how many applications per second the window can
 * file, each answered only once its case is running and recorded in the read model.
 */
import { ApiClient } from '../lib/apiClient';
import type { BenchContext, BenchResult } from '../lib/benchmark';
import { benchActors as a, benchApplication } from '../lib/households';
import { startProgress } from '../lib/progress';
import { LatencyRecorder, runPool, summarize } from '../lib/stats';

export async function startBenchmark({ stack, flags, log }: BenchContext): Promise<BenchResult> {
  const api = new ApiClient(stack.apiUrl, stack.pool);
  const latency = new LatencyRecorder();
  let done = 0;
  log(`${flags.starts} applications, ${flags.concurrency} concurrent clients`);
  const stop = startProgress('start', flags.starts, () => done);
  const started = performance.now();
  await runPool(flags.starts, flags.concurrency, async (i) => {
    await latency.time('POST /api/applications', () =>
      api.request('POST', '/api/applications', a.window, benchApplication(3_000_000 + i))
    );
    done += 1;
  });
  const seconds = (performance.now() - started) / 1000;
  stop();
  return {
    params: { starts: flags.starts, concurrency: flags.concurrency },
    metrics: {
      seconds: Math.round(seconds * 100) / 100,
      startsPerSecond: Math.round((flags.starts / seconds) * 10) / 10,
      latencyMs: summarize(latency.all()),
    },
  };
}
