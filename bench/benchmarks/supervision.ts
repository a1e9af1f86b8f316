/**
 * `supervision`: the supervisor views at scale. Generates `--cases` cases (default 1 000 000) with
 * their applications and audit trail directly in the benchmark database, then times each view
 * through the API (overdue and due-soon lists with group counts, period statistics) for several
 * orgs, and checks with EXPLAIN which indexes each query uses. Target: p99 under 100 ms.
 */
import type { Pool, QueryConfig } from 'pg';
import type { Actor } from '../../definitions/shared/actors';
import { countDueCases, listDueCases, supervisionStats } from '../../db/supervisionQueries';
import type { DueFilter } from '../../db/supervisionQueries';
import { ApiClient } from '../lib/apiClient';
import type { Benchmark } from '../lib/benchmark';
import { LatencyRecorder } from '../lib/stats';
import { BENCH_CITY, benchCounty, benchTownship, generateSupervisionData } from '../lib/supervisionData';

const RUNS = 50;
/** The year-long report takes seconds a run; fewer runs keep the benchmark's length in bounds. */
const runsOf = (view: string) => (view.endsWith('365d') ? 5 : RUNS);
const DAY_MS = 86_400_000;

const supervisorAt = (org: string): Actor => ({ userId: 'bench-supervisor', role: 'supervisor', org });

const chinaDate = (msAgo: number) => new Date(Date.now() + 8 * 3_600_000 - msAgo).toISOString().slice(0, 10);

/** The views timed: name → path for the n-th run (orgs rotate so the cache is not one org's). */
const views: Record<string, (n: number) => { org: string; path: string }> = {
  'overdue.township': (n) => ({ org: benchTownship(n), path: '/api/supervision/overdue?groupBy=step' }),
  'overdue.county': (n) => ({ org: benchCounty(n), path: '/api/supervision/overdue?groupBy=township' }),
  'overdue.city': () => ({ org: BENCH_CITY, path: '/api/supervision/overdue?groupBy=step' }),
  'overdue.city.ageFilter': () => ({
    org: BENCH_CITY,
    path: '/api/supervision/overdue?groupBy=age&ageFrom=accepted&minAgeDays=10',
  }),
  'dueSoon.county.3wd': (n) => ({ org: benchCounty(n), path: '/api/supervision/due-soon?within=3wd&groupBy=step' }),
  'dueSoon.city.48h': () => ({ org: BENCH_CITY, path: '/api/supervision/due-soon?within=48h&groupBy=township' }),
  'stats.township.90d': (n) => ({
    org: benchTownship(n),
    path: `/api/supervision/stats?from=${chinaDate(89 * DAY_MS)}&to=${chinaDate(0)}`,
  }),
  'stats.county.30d': (n) => ({ org: benchCounty(n), path: '/api/supervision/stats' }),
  'stats.city.30d': () => ({ org: BENCH_CITY, path: '/api/supervision/stats' }),
  // A year's report for the whole city: the scan grows with the period's cases (about half of them).
  'stats.city.365d': () => ({
    org: BENCH_CITY,
    path: `/api/supervision/stats?from=${chinaDate(364 * DAY_MS)}&to=${chinaDate(0)}`,
  }),
};

export const supervisionBenchmark: Benchmark = async ({ stack, flags, log }) => {
  log(`generating ${flags.cases} cases with their audit trail`);
  const generation = await generateSupervisionData(stack.pool, flags.cases, log);
  log(`generated in ${generation.generateSeconds} s, VACUUM ANALYZE ${generation.vacuumAnalyzeSeconds} s`);

  const api = new ApiClient(stack.apiUrl, stack.pool);
  const latency = new LatencyRecorder();
  const sizes: Record<string, number> = {};
  for (const [name, view] of Object.entries(views)) {
    // One untimed call warms the plan and the cache, as a supervisor's first click would.
    const first = view(0);
    const body = await api.request<{ total?: number; byState?: { count: number }[] }>(
      'GET',
      first.path,
      supervisorAt(first.org)
    );
    sizes[name] = body.total ?? (body.byState ?? []).reduce((n, s) => n + s.count, 0);
    for (let n = 0; n < runsOf(name); n += 1) {
      const { org, path } = view(n);
      await latency.time(name, () => api.request('GET', path, supervisorAt(org)));
    }
    log(`${name}: ${sizes[name]} cases in the first org's answer`);
  }

  return {
    params: { cases: flags.cases, runs: RUNS },
    metrics: {
      generation,
      latency: latency.summaries(),
      matchingCases: sizes,
      indexUse: await explainIndexUse(stack.pool, log),
    },
  };
};

/** Runs the supervisor queries through a pool that keeps their SQL, so EXPLAIN sees the real text. */
async function explainIndexUse(pool: Pool, log: (message: string) => void): Promise<Record<string, string>> {
  const captured: QueryConfig[] = [];
  const recording = {
    query: (text: string, values: unknown[]) => {
      captured.push({ text, values });
      return pool.query(text, values);
    },
  } as unknown as Pool;
  const asOf = new Date().toISOString();
  const overdue = (org: string): DueFilter => ({
    org,
    window: { kind: 'overdue', asOf },
    ageFrom: 'submitted',
    limit: 51,
  });
  const dueSoon = { kind: 'dueSoon' as const, asOf, until: new Date(Date.now() + 2 * DAY_MS).toISOString() };
  const thirtyDays = { from: new Date(Date.now() - 30 * DAY_MS).toISOString(), to: new Date().toISOString() };
  const plans: Record<string, () => Promise<unknown>> = {
    'overdue.township.list': () => listDueCases(recording, overdue(benchTownship(0))),
    'overdue.county.counts': () => countDueCases(recording, overdue(benchCounty(0)), 'township'),
    'overdue.city.list': () => listDueCases(recording, overdue(BENCH_CITY)),
    'overdue.city.counts': () => countDueCases(recording, overdue(BENCH_CITY), 'step'),
    'dueSoon.county.list': () => listDueCases(recording, { ...overdue(benchCounty(0)), window: dueSoon }),
    'dueSoon.city.counts': () => countDueCases(recording, { ...overdue(BENCH_CITY), window: dueSoon }, 'township'),
    'stats.county': () => supervisionStats(recording, { org: benchCounty(0), ...thirtyDays }),
    'stats.township': () => supervisionStats(recording, { org: benchTownship(0), ...thirtyDays }),
    'stats.city': () => supervisionStats(recording, { org: BENCH_CITY, ...thirtyDays }),
  };
  const out: Record<string, string> = {};
  for (const [name, run] of Object.entries(plans)) {
    captured.length = 0;
    await run();
    const used = new Set<string>();
    for (const query of captured) {
      const { rows } = await pool.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
      for (const node of planNodes(rows[0]?.['QUERY PLAN'])) {
        if (typeof node['Index Name'] === 'string') used.add(`${node['Node Type'] as string}:${node['Index Name']}`);
        if (node['Node Type'] === 'Seq Scan') used.add(`Seq Scan:${String(node['Relation Name'])}`);
      }
    }
    out[name] = [...used].sort().join(', ');
    log(`EXPLAIN ${name}: ${out[name]}`);
  }
  return out;
}

function planNodes(plan: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if ('Node Type' in record) out.push(record);
      Object.values(record).forEach(visit);
    }
  };
  visit(plan);
  return out;
}
