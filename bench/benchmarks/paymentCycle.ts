/**
 * `payment-cycle`: one county's monthly payment cycle at scale. Generates `--entitlements`
 * (default 50 000) monthly entitlements in one county with set-based SQL, then runs the real
 * cycle workflow on the stack's worker: freeze the roll, build the batch into the ledger, maker-
 * checker approval, export the bank file, and (beyond the brief) apply an all-paid return file and
 * reconcile. Times come from the cycle's own timeline (each step's system event minus the event
 * that started the step); memory is this process's (worker and API run in it), sampled every 50 ms.
 * Runs only when named: `npm run bench -- payment-cycle`.
 */
import type { Pool } from 'pg';
import { createPaymentCommands } from '../../api/payments/commands';
import { keepReturnFile, returnFileHash } from '../../db/returnFiles';
import { paymentFileOf } from '../../db/paymentQueries';
import { csvFields, csvRecords, periodOf, returnFileColumnsV1, returnFileLimits } from '../../definitions/payments';
import type { Caller } from '../../api/http/identity';
import type { CycleView } from '../../workflows/paymentContract';
import type { Benchmark } from '../lib/benchmark';

const BENCH_PAYMENT_COUNTY = '379802';
const maker: Caller = { userId: 'bench-fin-maker', role: 'finance', org: BENCH_PAYMENT_COUNTY };
const checker: Caller = { userId: 'bench-fin-checker', role: 'finance', org: BENCH_PAYMENT_COUNTY };

async function seedEntitlements(pool: Pool, count: number, period: string): Promise<void> {
  await pool.query(
    `INSERT INTO entitlements (case_id, program, kind, county_code, applicant_id, amount, start_period, payee,
                               fund_code, decided_at)
     SELECT 'BENCH-' || i, 'dibao', 'monthly', $1, 'ID-' || i, 300 + (i % 500) + (i % 100) / 100.0, $2,
            jsonb_build_object('holderName', '户主' || i, 'bankName', '泰安市农村商业银行',
                               'accountNumber', '6228480' || lpad(i::text, 12, '0')),
            'KNQZ-DIBAO', now()
       FROM generate_series(1, $3) AS i`,
    [BENCH_PAYMENT_COUNTY, period, count]
  );
  await pool.query('ANALYZE entitlements');
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Peak RSS and heap while `work` runs, and what they were before (the worker and API at rest). */
async function withMemoryPeak<T>(
  work: () => Promise<T>
): Promise<{ result: T; rssBeforeMiB: number; heapBeforeMiB: number; peakRssMiB: number; peakHeapMiB: number }> {
  const before = process.memoryUsage();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  try {
    const result = await work();
    sample();
    return {
      result,
      rssBeforeMiB: mib(before.rss),
      heapBeforeMiB: mib(before.heapUsed),
      peakRssMiB: mib(peakRss),
      peakHeapMiB: mib(peakHeap),
    };
  } finally {
    clearInterval(timer);
  }
}

async function waitFor(read: () => Promise<CycleView>, steps: string[], timeoutMs = 600_000): Promise<CycleView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await read();
    if (steps.includes(view.step)) return view;
    if (Date.now() > deadline) throw new Error(`cycle did not reach ${steps.join('/')} (at ${view.step})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Seconds between two timeline events of the cycle. */
function span(view: CycleView, from: string, to: string): number {
  const at = (event: string) => Date.parse(view.timeline.find((t) => t.event === event)?.at ?? '');
  return Number(((at(to) - at(from)) / 1000).toFixed(3));
}

export const paymentCycleBenchmark: Benchmark = async ({ stack, flags, log }) => {
  const period = periodOf(new Date());
  const payments = createPaymentCommands({ client: stack.client, taskQueue: stack.taskQueue });
  log(`generating ${flags.entitlements} entitlements in county ${BENCH_PAYMENT_COUNTY}`);
  const seedStarted = performance.now();
  await seedEntitlements(stack.pool, flags.entitlements, period);
  const seedSeconds = Number(((performance.now() - seedStarted) / 1000).toFixed(1));

  const started = performance.now();
  const { result: exported, ...memory } = await withMemoryPeak(async () => {
    const { view } = await payments.startCycle(BENCH_PAYMENT_COUNTY, period, maker);
    await waitFor(() => payments.readCycle(view.id), ['batchBuilt']);
    await payments.command(view.id, { type: 'SUBMIT_FOR_APPROVAL', actor: maker, payload: {} });
    await payments.command(view.id, { type: 'APPROVE', actor: checker, payload: {} });
    return waitFor(() => payments.readCycle(view.id), ['exported']);
  });
  const freezeBuildExportWallSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  log(`exported ${exported.bankFile?.lines ?? 0} lines`);

  const file = await paymentFileOf(stack.pool, exported.id);
  const lines = csvRecords(file?.content ?? '').slice(1);
  const returnFile = [
    returnFileColumnsV1.join(','),
    ...lines.map((record, i) => {
      const f = csvFields(record) ?? [];
      return `${f[1]},paid,${f[5]},BK${i + 1},`;
    }),
  ].join('\r\n');
  const returnStarted = performance.now();
  const fileId = await keepReturnFile(
    stack.pool,
    {
      cycleId: exported.id,
      content: returnFile,
      sha256: returnFileHash(returnFile),
      lines: lines.length,
      recordedBy: maker.userId,
    },
    {
      maxFilesPerCycle: returnFileLimits.maxFilesPerCycle.value,
      maxStoredBytesPerCycle: returnFileLimits.maxStoredBytesPerCycle.value,
    }
  );
  await payments.command(exported.id, { type: 'RECORD_RETURN', actor: maker, payload: { fileId } });
  const closed = await waitFor(() => payments.readCycle(exported.id), ['reconciled']);
  const returnAndReconcileSeconds = Number(((performance.now() - returnStarted) / 1000).toFixed(1));

  return {
    params: { entitlements: flags.entitlements, county: BENCH_PAYMENT_COUNTY, period },
    metrics: {
      seedSeconds,
      freezeSeconds: span(exported, 'START', 'ROLL_FROZEN'),
      buildSeconds: span(exported, 'ROLL_FROZEN', 'BATCH_BUILT'),
      exportSeconds: span(exported, 'APPROVE', 'BANK_FILE_EXPORTED'),
      freezeBuildExportWallSeconds,
      bankFileLines: exported.bankFile?.lines ?? 0,
      bankFileMiB: Number(((file?.content.length ?? 0) / 2 ** 20).toFixed(1)),
      returnAndReconcileSeconds,
      paidLines: closed.reconciliation?.paidLines ?? 0,
      paidAmount: closed.reconciliation?.paidAmount ?? '0',
      ...memory,
    },
  };
};
