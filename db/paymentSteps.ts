/**
 * The payment cycle's steps that change money: freezing the roll and building the batch into the
 * ledger. Each runs in one transaction that first locks the cycle's row and checks the step's
 * mark (frozen_at, built_at); the mark is set in the same transaction as the work. A retried,
 * replayed or restarted step therefore finds the mark and returns what the first run stored:
 * the step happens once. The ledger's line key (entitlement_id, period, change_seq) guards the money besides.
 */
import type { Pool, PoolClient } from 'pg';
import type { BatchSummary, PaymentRules, RollLine } from '../definitions/payments';
import { addMonths, buildBatch, toFen, toYuan } from '../definitions/payments';
import { freezeRollSql, overpaidMonths } from './owedMonths';
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
 * Freezes the roll in one INSERT … SELECT (db/owedMonths.ts): this month of every entitlement of the
 * county active in it, the earlier months owed that no roll has taken (back pay, 补发) and the raises
 * not yet paid for months already taken (difference), plus the failed lines due again, which this
 * cycle claims so no other cycle can.
 */
export function freezeRoll(pool: Pool, key: CycleKey): Promise<{ lines: number; amount: string }> {
  return inTransaction(pool, async (client) => {
    const cycle = await lockCycle(client, key);
    if (cycle.frozen_at !== null) return rollTotals(client, key.cycleId);
    // One freeze at a time per county: two months' cycles must not both take a late month.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`freeze:${key.county}`]);
    await client.query(freezeRollSql, [key.cycleId, key.county, key.period]);
    await client.query('UPDATE payment_cycles SET frozen_at = now(), updated_at = now() WHERE id = $1', [key.cycleId]);
    return rollTotals(client, key.cycleId);
  });
}

interface RollRow {
  entitlement_id: string;
  case_id: string;
  for_period: string;
  kind: RollLine['kind'];
  ledger_kind: RollLine['ledgerKind'];
  change_seq: number;
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
  ledgerKind: r.ledger_kind,
  changeSeq: r.change_seq,
  program: r.program,
  fundCode: r.fund_code,
  amountFen: toFen(r.amount),
  payee: r.payee,
});

interface LedgerWrite {
  line: RollLine;
  status: 'scheduled' | 'failed';
  reason: string | null;
}

/**
 * Writes a batch's lines under the ledger's line key (entitlement, month, change_seq). A retry line
 * takes over its failed row (attempt + 1); any other line already in the ledger is left as it is, so
 * a month is never booked twice.
 */
async function writeLedgerLines(
  client: PoolClient,
  key: CycleKey,
  lines: LedgerWrite[]
): Promise<{ id: string; status: string }[]> {
  const written = await client.query<{ id: string; status: string }>(
    `INSERT INTO payment_ledger (entitlement_id, period, change_seq, kind, cycle_id, cycle_period, county_code, program,
                                 fund_code, amount, payee, status, failure_reason)
     SELECT u.entitlement_id, u.period, u.change_seq, u.kind, $1, $2, $3, u.program, u.fund_code, u.amount, u.payee,
            u.status, u.reason
       FROM unnest($4::bigint[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::numeric[],
                   $11::jsonb[], $12::text[], $13::text[])
            AS u(entitlement_id, period, change_seq, kind, program, fund_code, amount, payee, status, reason)
     ON CONFLICT (entitlement_id, period, change_seq) DO UPDATE SET
       cycle_id = EXCLUDED.cycle_id, cycle_period = EXCLUDED.cycle_period, payee = EXCLUDED.payee,
       status = EXCLUDED.status, failure_reason = EXCLUDED.failure_reason, attempt = payment_ledger.attempt + 1,
       line_no = NULL, bank_reference = NULL, updated_at = now()
     WHERE payment_ledger.status = 'failed' AND payment_ledger.cycle_id <> EXCLUDED.cycle_id
     RETURNING id::text, status`,
    [
      key.cycleId,
      key.period,
      key.county,
      lines.map((l) => l.line.entitlementId),
      lines.map((l) => l.line.forPeriod),
      lines.map((l) => l.line.changeSeq),
      lines.map((l) => l.line.ledgerKind),
      lines.map((l) => l.line.program),
      lines.map((l) => l.line.fundCode),
      lines.map((l) => toYuan(l.line.amountFen)),
      lines.map((l) => (l.line.payee ? JSON.stringify(l.line.payee) : null)),
      lines.map((l) => l.status),
      lines.map((l) => l.reason),
    ]
  );
  return written.rows;
}

/**
 * Books the frozen roll into the ledger: payable lines as scheduled, held lines (no account) as
 * failed with their reason and on the retry list. The summary says how much of it is back pay, and
 * how much the county has paid above what later decisions set (not recovered automatically).
 */
export function buildBatchIntoLedger(pool: Pool, key: CycleKey): Promise<BatchSummary> {
  return inTransaction(pool, async (client) => {
    const cycle = await lockCycle(client, key);
    if (cycle.built_at !== null) return cycle.batch_summary as BatchSummary;
    const { rows } = await client.query<RollRow>(
      `SELECT r.entitlement_id::text, r.case_id, r.for_period, r.kind, COALESCE(l.kind, r.kind) AS ledger_kind,
              r.change_seq, r.program, r.fund_code, r.amount::text, r.payee
         FROM payment_roll r
         -- A retry pays its ledger row again, and stays what that row is (back pay stays 补发)
         LEFT JOIN payment_ledger l ON r.kind = 'retry' AND l.entitlement_id = r.entitlement_id
                                   AND l.period = r.for_period AND l.change_seq = r.change_seq
        WHERE r.cycle_id = $1`,
      [key.cycleId]
    );
    const batch = buildBatch(rows.map(rollLineOf));
    const lines: LedgerWrite[] = [
      ...batch.payable.map((line) => ({ line, status: 'scheduled' as const, reason: null })),
      ...batch.held.map((h) => ({ line: h.line, status: 'failed' as const, reason: h.reasonZh })),
    ];
    const written = await writeLedgerLines(client, key, lines);
    const failed = written.filter((r) => r.status === 'failed');
    await addRetries(
      client,
      key,
      failed.map((r) => r.id)
    );
    const payable = written.filter((r) => r.status === 'scheduled').map((r) => r.id);
    const totals = await client.query<{ amount: string; back_pay_lines: number; back_pay_amount: string }>(
      `SELECT COALESCE(sum(amount), 0)::numeric(14, 2)::text AS amount,
              count(*) FILTER (WHERE kind <> 'regular')::int AS back_pay_lines,
              COALESCE(sum(amount) FILTER (WHERE kind <> 'regular'), 0)::numeric(14, 2)::text AS back_pay_amount
         FROM payment_ledger WHERE id = ANY($1::bigint[])`,
      [payable]
    );
    const heldReasons: Record<string, number> = {};
    for (const h of batch.held) heldReasons[h.reasonCode] = (heldReasons[h.reasonCode] ?? 0) + 1;
    const summary: BatchSummary = {
      payableLines: payable.length,
      payableAmount: totals.rows[0]?.amount ?? '0.00',
      heldLines: failed.length,
      heldReasons,
      alreadyInLedgerLines: lines.length - written.length,
      backPayLines: totals.rows[0]?.back_pay_lines ?? 0,
      backPayAmount: totals.rows[0]?.back_pay_amount ?? '0.00',
      overpaid: await overpaidMonths(client, key.county),
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
