/** Latency summaries: percentiles over recorded samples (milliseconds). Pure. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Collects latencies by name (e.g. per event type). */
export class LatencyRecorder {
  private readonly samples = new Map<string, number[]>();

  record(name: string, ms: number): void {
    const list = this.samples.get(name) ?? [];
    list.push(ms);
    this.samples.set(name, list);
  }

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.record(name, performance.now() - started);
    }
  }

  /** Every sample, except those recorded under the names given. */
  all(except: readonly string[] = []): number[] {
    return [...this.samples.entries()].filter(([name]) => !except.includes(name)).flatMap(([, list]) => list);
  }

  summaries(): Record<string, LatencySummary> {
    return Object.fromEntries([...this.samples.entries()].map(([name, list]) => [name, summarize(list)]));
  }
}

/** Runs `task(i)` for i in [0, total) with at most `concurrency` at once. */
export async function runPool(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total) {
      const i = next;
      next += 1;
      await task(i);
    }
  });
  await Promise.all(lanes);
}
