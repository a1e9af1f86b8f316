/**
 * Records what a re-check decided about an entitlement (migration 013) and keeps the entitlement's
 * last paid month in step with the latest decision. Idempotent on the deciding case event, and
 * order-proof: whichever decision is recorded last, the end month is the one of the newest decision.
 */
import type { Pool } from 'pg';
import type { PaymentChange } from '../definitions/shared/programDefinition';
import { inTransaction } from './transaction';

export interface EntitlementChangeRecord extends PaymentChange {
  caseId: string;
  /** The case event that decided the change. */
  seq: number;
}

/** False when the case has no entitlement (approved before payments were kept): nothing to change. */
export function recordEntitlementChange(pool: Pool, change: EntitlementChangeRecord): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM entitlements WHERE case_id = $1 FOR UPDATE', [
      change.caseId,
    ]);
    const entitlementId = rows[0]?.id;
    if (entitlementId === undefined) return false;
    await client.query(
      `INSERT INTO entitlement_changes (case_id, seq, entitlement_id, kind, from_period, amount, last_period, ground,
                                        decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (case_id, seq) DO NOTHING`,
      [
        change.caseId,
        change.seq,
        entitlementId,
        change.kind,
        change.fromPeriod,
        change.monthlyAmount,
        change.lastPeriod,
        change.ground,
        change.at,
      ]
    );
    await client.query(
      `UPDATE entitlements e
          SET end_period = latest.last_period, version = e.version + 1, updated_at = now()
         FROM (SELECT last_period FROM entitlement_changes WHERE entitlement_id = $1 ORDER BY seq DESC LIMIT 1) latest
        WHERE e.id = $1 AND e.end_period IS DISTINCT FROM latest.last_period`,
      [entitlementId]
    );
    return true;
  });
}
