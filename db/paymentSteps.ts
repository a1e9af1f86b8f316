/**
 * The payment cycle's steps that change money: freezing the roll and building the batch into the
 * ledger. Each runs in one transaction that first locks the cycle's row and checks the step's
 * mark (frozen_at, built_at); the mark is set in the same transaction as the work. A retried,
 * replayed or restarted step therefore finds the mark and returns what the first run stored:
 * the step happens once. The ledger's UNIQUE (entitlement_id, period) guards the money besides.
 */
import type { Pool, PoolClient } from 'pg';
import type { BatchSummary, PaymentRules, RollLine } from '../definitions/payments';
import { addMonths, buildBatch, toFen, toYuan } from '../definitions/payments';
import { inTransaction } from './transaction';

export interface CycleKey {
  cycleId: string;
  county: string;
  period: string;
  rules: PaymentRules;
}

/** Creates the cycle's row if this is its first step, then locks it for the rest of the transaction. */
async function lockCycle(client: PoolClient, key: CycleKey): Promise<Record<string, unknown>> {
  await client.query(
    `INSERT INTO payment_cycles (id, county_code, period, state, rules) VALUES ($1, $2, $3, 'freezing', $4)
     ON CONFLICT (id) DO NOTHING`,
    [key.cycleId, key.county, key.period, JSON.stringify(key.rules)]
  );
  const { rows } = await client.query('SELECT * FROM payment_cycles WHERE id = $1 FOR UPDATE', [key.cycleId]);
  return rows[0] as Record<string, unknown>;
}

async function rollTotals(client: PoolClient, cycleId: string): Promise<{ lines: number; amount: string }> {
  const { rows } = await client.query<{ lines: number; amount: string }>(
    `SELECT count(*)::int AS lines, COALESCE(sum(amount), 0)::numeric(14, 2)::text AS amount
       FROM payment_roll WHERE cycle_id = $1`,
    [cycleId]
  );
  return rows[0] ?? { lines: 0, amount: '0.00' };
}

/**
 * Freezes the roll in one INSERT … SELECT: every entitlement of the county active in the month
 * (a monthly one at the amount its latest re-check set for the month; a scheduled one with each stage
 * due by this month that no cycle has taken yet), plus the failed lines
 * due again, which this cycle claims so no other cycle can.
 */
export function freezeRoll(pool: Pool, key: CycleKey): Promise<{ lines: number; amount: string }> {
  return inTransaction(pool, async (client) => {
    const cycle = await lockCycle(client, key);
    if (cycle.frozen_at !== null) return rollTotals(client, key.cycleId);
    // One freeze at a time per county: two months' cycles must not both take a late stage.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`freeze:${key.county}`]);
    await client.query(
      `WITH claimed AS (
         UPDATE payment_retries SET consumed_by = $1
          WHERE county_code = $2 AND consumed_by IS NULL AND due_period <= $3
          RETURNING ledger_id, entitlement_id, period)
       INSERT INTO payment_roll (cycle_id, entitlement_id, for_period, kind, case_id, program, fund_code, amount,
                                 payee, entitlement_version)
       SELECT $1, e.id, $3, 'regular', e.case_id, e.program, e.fund_code, COALESCE(changed.amount, e.amount),
              e.payee, e.version
         FROM entitlements e
         -- A re-check's new amount from its month on (migration 013); the approved amount before any
         LEFT JOIN LATERAL (
           SELECT ch.amount FROM entitlement_changes ch
            WHERE ch.entitlement_id = e.id AND ch.from_period <= $3 AND ch.amount IS NOT NULL
            ORDER BY ch.from_period DESC, ch.seq DESC LIMIT 1) changed ON true
        WHERE e.county_code = $2 AND e.status = 'active' AND e.schedule IS NULL AND e.start_period <= $3
          AND (e.end_period IS NULL OR e.end_period >= $3)
       UNION ALL
       -- Scheduled help: this month's stage, and any earlier stage no cycle has taken yet (help paid
       -- first after this month's roll was frozen is paid by the next cycle, never dropped)
       SELECT $1, e.id, stage.period, 'regular', e.case_id, e.program, e.fund_code, stage.amount, e.payee, e.version
         FROM entitlements e
        CROSS JOIN LATERAL (
           SELECT s ->> 'period' AS period, (s ->> 'amount')::numeric AS amount
             FROM jsonb_array_elements(e.schedule) s) stage
        WHERE e.county_code = $2 AND e.status = 'active' AND e.schedule IS NOT NULL AND e.start_period <= $3
          AND stage.period <= $3
          AND NOT EXISTS (SELECT 1 FROM payment_roll r WHERE r.entitlement_id = e.id AND r.for_period = stage.period)
       UNION ALL
       SELECT $1, c.entitlement_id, c.period, 'retry', e.case_id, l.program, l.fund_code, l.amount, e.payee, e.version
         FROM claimed c
         JOIN payment_ledger l ON l.id = c.ledger_id
         JOIN entitlements e ON e.id = c.entitlement_id`,
      [key.cycleId, key.county, key.period]
    );
    await client.query('UPDATE payment_cycles SET frozen_at = now(), updated_at = now() WHERE id = $1', [key.cycleId]);
    return rollTotals(client, key.cycleId);
  });
}

interface RollRow {
  entitlement_id: string;
  case_id: string;
  for_period: string;
  kind: 'regular' | 'retry';
  program: string;
  fund_code: string;
  amount: string;
  payee: RollLine['payee'];
}

const rollLineOf = (r: RollRow): RollLine => ({
  entitlementId: r.entitlement_id,
  caseId: r.case_id,
  forPeriod: r.for_period,
  kind: r.kind,
  program: r.program,
  fundCode: r.fund_code,
  amountFen: toFen(r.amount),
  payee: r.payee,
});

/**
 * Books the frozen roll into the ledger: payable lines as scheduled, held lines (no account) as
 * failed with their reason and on the retry list. A retry line takes over its month's failed row
 * (attempt + 1) instead of adding one; a month already in the ledger otherwise is counted and left.
 */
export function buildBatchIntoLedger(pool: Pool, key: CycleKey): Promise<BatchSummary> {
  return inTransaction(pool, async (client) => {
    const cycle = await lockCycle(client, key);
    if (cycle.built_at !== null) return cycle.batch_summary as BatchSummary;
    const { rows } = await client.query<RollRow>(
      `SELECT entitlement_id::text, case_id, for_period, kind, program, fund_code, amount::text, payee
         FROM payment_roll WHERE cycle_id = $1`,
      [key.cycleId]
    );
    const batch = buildBatch(rows.map(rollLineOf));
    const lines = [
      ...batch.payable.map((line) => ({ line, status: 'scheduled', reason: null as string | null })),
      ...batch.held.map((h) => ({ line: h.line, status: 'failed', reason: h.reasonZh })),
    ];
    const written = await client.query<{ id: string; attempt: number; status: string; period: string }>(
      `INSERT INTO payment_ledger (entitlement_id, period, cycle_id, cycle_period, county_code, program, fund_code,
                                   amount, payee, status, failure_reason)
       SELECT u.entitlement_id, u.period, $1, $2, $3, u.program, u.fund_code, u.amount, u.payee, u.status, u.reason
         FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::jsonb[], $10::text[],
                     $11::text[]) AS u(entitlement_id, period, program, fund_code, amount, payee, status, reason)
       ON CONFLICT (entitlement_id, period) DO UPDATE SET
         cycle_id = EXCLUDED.cycle_id, cycle_period = EXCLUDED.cycle_period, payee = EXCLUDED.payee,
         status = EXCLUDED.status, failure_reason = EXCLUDED.failure_reason, attempt = payment_ledger.attempt + 1,
         line_no = NULL, bank_reference = NULL, updated_at = now()
       WHERE payment_ledger.status = 'failed' AND payment_ledger.cycle_id <> EXCLUDED.cycle_id
       RETURNING id::text, attempt, status, period`,
      [
        key.cycleId,
        key.period,
        key.county,
        lines.map((l) => l.line.entitlementId),
        lines.map((l) => l.line.forPeriod),
        lines.map((l) => l.line.program),
        lines.map((l) => l.line.fundCode),
        lines.map((l) => toYuan(l.line.amountFen)),
        lines.map((l) => (l.line.payee ? JSON.stringify(l.line.payee) : null)),
        lines.map((l) => l.status),
        lines.map((l) => l.reason),
      ]
    );
    const failed = written.rows.filter((r) => r.status === 'failed');
    await addRetries(
      client,
      key,
      failed.map((r) => r.id)
    );
    const payable = written.rows.filter((r) => r.status === 'scheduled').map((r) => r.id);
    const amount = await client.query<{ amount: string }>(
      `SELECT COALESCE(sum(amount), 0)::numeric(14, 2)::text AS amount FROM payment_ledger WHERE id = ANY($1::bigint[])`,
      [payable]
    );
    const heldReasons: Record<string, number> = {};
    for (const h of batch.held) heldReasons[h.reasonCode] = (heldReasons[h.reasonCode] ?? 0) + 1;
    const summary: BatchSummary = {
      payableLines: payable.length,
      payableAmount: amount.rows[0]?.amount ?? '0.00',
      heldLines: failed.length,
      heldReasons,
      alreadyInLedgerLines: lines.length - written.rows.length,
    };
    await client.query(
      'UPDATE payment_cycles SET built_at = now(), batch_summary = $2, updated_at = now() WHERE id = $1',
      [key.cycleId, JSON.stringify(summary)]
    );
    return summary;
  });
}

/** Puts failed ledger lines on the retry list, due `retryAfterCycles` months after this cycle. */
export async function addRetries(client: PoolClient, key: CycleKey, ledgerIds: string[]): Promise<void> {
  if (ledgerIds.length === 0) return;
  await client.query(
    `INSERT INTO payment_retries (ledger_id, attempt, entitlement_id, period, county_code, failed_in_cycle,
                                  failure_reason, due_period)
     SELECT id, attempt, entitlement_id, period, county_code, $2, COALESCE(failure_reason, ''), $3
       FROM payment_ledger WHERE id = ANY($1::bigint[]) AND status = 'failed'
     ON CONFLICT (ledger_id, attempt) DO NOTHING`,
    [ledgerIds, key.cycleId, addMonths(key.period, key.rules.retryAfterCycles.value)]
  );
}
