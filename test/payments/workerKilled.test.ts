/**
 * Exactly once when the worker dies mid-cycle. A step's activity does its work, commits, and then
 * the worker is shut down before the step is reported complete — the worst moment: Temporal runs
 * the step again on a new worker. The ledger must come out exactly as in a cycle that ran
 * undisturbed: same number of lines, same sum, no month paid twice.
 */
import { Context } from '@temporalio/activity';
import { Worker } from '@temporalio/worker';
import type { PaymentActivities } from '../../activities/payments';
import { createPaymentActivities } from '../../activities/payments';
import { createPaymentCommands } from '../../api/payments/commands';
import type { Caller } from '../../api/http/identity';
import { periodOf } from '../../definitions/payments';
import type { CycleView } from '../../workflows/paymentContract';
import { testEnvironment } from '../support/environment';
import { bankLines, bankReturn, ledgerTotals, paymentCounty, seedEntitlements } from '../support/payments';
import type { Stack } from '../support/stack';
import { eventually, openStack } from '../support/stack';

let stack: Stack;
let payments: ReturnType<typeof createPaymentCommands>;
const period = periodOf(new Date());
const HOUSEHOLDS = 400;

beforeAll(async () => {
  stack = await openStack('payments-kill');
  payments = createPaymentCommands({ client: stack.client, taskQueue: stack.taskQueue });
});
afterAll(async () => {
  await stack?.close();
});

type Step = 'freezeRoll' | 'buildBatch' | 'exportBankFile' | 'recordReturn';

interface TestWorker {
  stop(): Promise<void>;
}

/** A worker whose `step` does its work and commits, then hangs until the worker is shut down. */
async function startWorker(interrupt?: { step: Step; reached: () => void }): Promise<TestWorker> {
  const env = testEnvironment();
  const real = createPaymentActivities({ pool: stack.pool });
  const activities: PaymentActivities = { ...real };
  if (interrupt) {
    const work = real[interrupt.step].bind(real) as (arg: never) => Promise<unknown>;
    Object.assign(activities, {
      [interrupt.step]: async (arg: never) => {
        await work(arg);
        interrupt.reached();
        await Context.current().cancelled;
      },
    });
  }
  const worker = await Worker.create({
    connection: stack.nativeConnection,
    namespace: env.namespace,
    taskQueue: stack.taskQueue,
    dataConverter: env.dataConverter,
    workflowBundle: { codePath: env.workflowBundlePath },
    activities,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

const finance = (county: string, userId: string): Caller => ({ userId, role: 'finance', org: county });

function cycleAt(id: string, step: string): Promise<CycleView> {
  return eventually(
    async () => {
      const view = await payments.readCycle(id);
      return view.step === step ? view : undefined;
    },
    60_000,
    `${id} at ${step}`
  );
}

async function seed(county: string): Promise<void> {
  // Amounts vary by household; every tenth has no account yet and is held back (failed, retried later).
  await seedEntitlements(stack.pool, county, HOUSEHOLDS, {
    startPeriod: period,
    amount: (i) => `${300 + (i % 17) * 25}.${String(i % 100).padStart(2, '0')}`,
    withoutPayee: Array.from({ length: HOUSEHOLDS / 10 }, (_, k) => k * 10),
  });
}

/** One county's cycle from start to reconciled; the bank fails every line whose amount ends in .13. */
async function runCycle(county: string): Promise<CycleView> {
  const maker = finance(county, 'fin-maker');
  const checker = finance(county, 'fin-checker');
  const { view } = await payments.startCycle(county, period, maker);
  await cycleAt(view.id, 'batchBuilt');
  await payments.command(view.id, { type: 'SUBMIT_FOR_APPROVAL', actor: maker, payload: {} });
  await payments.command(view.id, { type: 'APPROVE', actor: checker, payload: {} });
  const exported = await cycleAt(view.id, 'exported');
  const { rows } = await stack.pool.query('SELECT content FROM payment_files WHERE id = $1', [
    exported.bankFile?.fileId,
  ]);
  const content = bankReturn(bankLines(rows[0].content as string), (l) =>
    l.amount.endsWith('.13') ? '账户已销户' : null
  );
  const { rows: stored } = await stack.pool.query(
    `INSERT INTO payment_files (cycle_id, kind, layout, sha256, lines, content) VALUES ($1, 'return', 'v1', md5($2), 0, $2)
     RETURNING id::text`,
    [view.id, content]
  );
  await payments.command(view.id, { type: 'RECORD_RETURN', actor: maker, payload: { fileId: stored[0].id } });
  return cycleAt(view.id, 'reconciled');
}

async function outcome(county: string) {
  const { rows: byStatus } = await stack.pool.query(
    `SELECT status, count(*)::int AS lines, sum(amount)::text AS amount FROM payment_ledger
      WHERE county_code = $1 GROUP BY status ORDER BY status`,
    [county]
  );
  const { rows: roll } = await stack.pool.query(
    `SELECT count(*)::int AS n FROM payment_roll r JOIN payment_cycles c ON c.id = r.cycle_id WHERE c.county_code = $1`,
    [county]
  );
  const { rows: retries } = await stack.pool.query(
    'SELECT count(*)::int AS n FROM payment_retries WHERE county_code = $1',
    [county]
  );
  return { ledger: await ledgerTotals(stack.pool, county), byStatus, roll: roll[0].n, retries: retries[0].n };
}

describe('payments / worker killed mid-cycle', () => {
  let undisturbed: Awaited<ReturnType<typeof outcome>>;

  beforeAll(async () => {
    const county = paymentCounty('21');
    await seed(county);
    const worker = await startWorker();
    try {
      const closed = await runCycle(county);
      expect(closed.reconciliation?.outstandingLines).toBe(0);
    } finally {
      await worker.stop();
    }
    undisturbed = await outcome(county);
    // A meaningful baseline: payable, held and bank-failed lines all present.
    expect(undisturbed.byStatus.map((s: { status: string }) => s.status)).toEqual(['failed', 'paid']);
    expect(undisturbed.ledger.lines).toBe(HOUSEHOLDS);
  }, 120_000);

  const cases: [Step, string][] = [
    ['freezeRoll', '22'],
    ['buildBatch', '23'],
    ['exportBankFile', '24'],
    ['recordReturn', '25'],
  ];
  it.each(cases)(
    'after %s has committed, a new worker finishes the cycle with the ledger unchanged in count and sum',
    async (step, suffix) => {
      const county = paymentCounty(suffix);
      await seed(county);
      let reached!: () => void;
      const atStep = new Promise<void>((resolve) => (reached = resolve));
      let worker = await startWorker({ step, reached });
      const replaceWorker = async () => {
        await atStep;
        await worker.stop();
        worker = await startWorker();
      };
      try {
        const [closed] = await Promise.all([runCycle(county), replaceWorker()]);
        expect(closed.status).toBe('done');
      } finally {
        await worker.stop();
      }
      const after = await outcome(county);
      expect(after).toEqual(undisturbed);
      expect(after.ledger.duplicates).toBe(0);
    },
    120_000
  );
});
