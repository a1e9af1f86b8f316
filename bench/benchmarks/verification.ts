/**
 * verification — the household economic check (one run fans out to all 13 sources) with every
 * registry stand-in answering after `--source-ms` (default 50 ms), on a worker of its own so the
 * latency applies to this benchmark only. Households come from the seeded generator, so sources
 * return real rows and the mix of outcomes is the demo's (eligible, over the line, hidden assets…).
 *
 * Two phases: checks one at a time (latency of one verification, nothing queued behind it), then
 * `--checks` cases, started beforehand, accepted by `--concurrency` clients: checks per second from
 * the first ACCEPT to the last run closed (case starts are the start benchmark's business). Latency is read from
 * the workflow's own timestamps: ACCEPT applied → DATA_CHECK_COMPLETED applied, and from the run
 * rows: run opened → closed with its report.
 */
import type { Worker } from '@temporalio/worker';
import { createCaseCommands } from '../../api/applications/commands';
import { applicationSchema } from '../../definitions/shared/application';
import { generateRegistry, writeGeneratedRegistry } from '../../registries/generator';
import { createWorker } from '../../worker/createWorker';
import type { BenchContext, BenchResult } from '../lib/benchmark';
import { benchActors as a, benchConfigEntries, benchOrgs } from '../lib/households';
import { startProgress } from '../lib/progress';
import { runPool, summarize } from '../lib/stats';

/** Households per phase-one sample; small, as each runs alone. */
const SEQUENTIAL_SAMPLES = 20;

export async function verificationBenchmark({ stack, flags, log }: BenchContext): Promise<BenchResult> {
  const { checks, concurrency, sourceMs, noticeMs } = flags;
  const taskQueue = `${stack.taskQueue}-verification`;
  const worker: Worker = await createWorker({
    connection: stack.nativeConnection,
    namespace: stack.namespace,
    taskQueue,
    pool: stack.pool,
    payloadKeys: stack.payloadKeys,
    workflowBundlePath: stack.workflowBundlePath,
    registryLatencyMs: sourceMs,
  });
  const running = worker.run();
  const commands = createCaseCommands({
    client: stack.client,
    taskQueue,
    extraConfigEntries: benchConfigEntries(noticeMs),
  });

  try {
    const registry = generateRegistry({ seed: 20261129, households: SEQUENTIAL_SAMPLES + checks, orgs: benchOrgs });
    await writeGeneratedRegistry(stack.pool, registry);
    log(`registry seeded with ${registry.households.length} generated households; sources answer in ${sourceMs} ms`);

    async function open(index: number): Promise<string> {
      const application = applicationSchema.parse(registry.households[index]!.application);
      return (await commands.startApplication(application, a.window, undefined)).view.id;
    }
    const accept = (id: string) => commands.submitEvent(id, { type: 'ACCEPT', actor: a.window, payload: {} });

    // Phase 1: one verification at a time.
    log(`phase 1: ${SEQUENTIAL_SAMPLES} checks one at a time`);
    const sequential: string[] = [];
    for (let i = 0; i < SEQUENTIAL_SAMPLES; i += 1) {
      const id = await open(i);
      await accept(id);
      await completed(stack.pool, [id]);
      sequential.push(id);
    }

    // Phase 2: many at once, on cases started beforehand.
    const caseIds: string[] = new Array<string>(checks);
    await runPool(checks, concurrency, async (i) => {
      caseIds[i] = await open(SEQUENTIAL_SAMPLES + i);
    });
    log(`phase 2: ${checks} checks from ${concurrency} concurrent clients`);
    let done = 0;
    const stop = startProgress('verification', checks, () => done);
    const started = performance.now();
    const finished = completed(stack.pool, caseIds, (n) => {
      done = n;
    });
    await runPool(checks, concurrency, async (i) => {
      await accept(caseIds[i]!);
    });
    await finished;
    const seconds = (performance.now() - started) / 1000;
    stop();

    const alone = await latencies(commands, stack.pool, sequential);
    const loaded = await latencies(commands, stack.pool, caseIds);
    const outcomes = await stack.pool.query<{ eligible: boolean; n: number }>(
      `SELECT eligible, count(*)::int AS n FROM verification_runs WHERE case_id = ANY($1) GROUP BY eligible`,
      [caseIds]
    );
    const findings = await stack.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM verification_findings WHERE case_id = ANY($1)',
      [caseIds]
    );
    return {
      params: { sources: 13, sourceMs, checks, concurrency, sequentialSamples: SEQUENTIAL_SAMPLES },
      metrics: {
        checksPerSecond: Math.round((checks / seconds) * 100) / 100,
        seconds: Math.round(seconds * 100) / 100,
        aloneAcceptToResultMs: summarize(alone.acceptToResult),
        aloneRunMs: summarize(alone.run),
        loadedAcceptToResultMs: summarize(loaded.acceptToResult),
        loadedRunMs: summarize(loaded.run),
        eligible: outcomes.rows.find((r) => r.eligible)?.n ?? 0,
        notEligible: outcomes.rows.find((r) => !r.eligible)?.n ?? 0,
        findingsStored: findings.rows[0]?.n ?? 0,
      },
    };
  } finally {
    worker.shutdown();
    await running;
  }
}

/** Waits until every case's first run is closed; reports progress as runs close. */
async function completed(
  pool: BenchContext['stack']['pool'],
  caseIds: string[],
  progress: (n: number) => void = () => undefined
): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM verification_runs WHERE case_id = ANY($1) AND status = 'completed'`,
      [caseIds]
    );
    const n = rows[0]?.n ?? 0;
    progress(n);
    if (n >= caseIds.length) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** ACCEPT → result in the chart (workflow timestamps), and run opened → closed (run rows). */
async function latencies(
  commands: ReturnType<typeof createCaseCommands>,
  pool: BenchContext['stack']['pool'],
  caseIds: string[]
): Promise<{ acceptToResult: number[]; run: number[] }> {
  const acceptToResult: number[] = [];
  for (const id of caseIds) {
    // The run is closed a moment before the chart takes its result: look again until it has.
    for (;;) {
      const view = await commands.readCase(id);
      const at = (event: string) => view.timeline.find((t) => t.event === event)?.at;
      const accepted = at('ACCEPT');
      const result = at('DATA_CHECK_COMPLETED');
      if (accepted && result) {
        acceptToResult.push(Date.parse(result) - Date.parse(accepted));
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const { rows } = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM completed_at - started_at) * 1000 AS ms FROM verification_runs WHERE case_id = ANY($1)`,
    [caseIds]
  );
  return { acceptToResult, run: rows.map((r) => Number(r.ms)) };
}
