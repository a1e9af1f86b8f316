/**
 * The payment cycle's I/O, built with its pool like the case activities. Each step is one
 * transaction guarded by a mark on the cycle's row (see db/paymentSteps.ts), so Temporal's retries,
 * a replay or a worker killed mid-step never pay anything twice. A refused return file is a
 * non-retryable failure carrying its first problems, line by line, and their count: bounded, so the
 * failure always fits in Temporal's payload limit however large the file.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { BatchSummary, ReturnSummary } from '../definitions/payments';
import { scheduleSchema } from '../definitions/payments';
import type { ExportedFile } from '../db/paymentFiles';
import { exportPaymentFile, reconcileCycle } from '../db/paymentFiles';
import { applyReturnFile, ReturnFileRejected } from '../db/returnFiles';
import type { CycleStateRecord, ScheduledEntitlementRecord } from '../db/paymentRecords';
import { insertScheduledEntitlement, upsertCycleState } from '../db/paymentRecords';
import type { CycleKey } from '../db/paymentSteps';
import { buildBatchIntoLedger, freezeRoll } from '../db/paymentSteps';
import { cycleFailureTypes } from '../workflows/paymentContract';

export function createPaymentActivities({ pool }: { pool: Pool }) {
  return {
    async recordCycleState(record: CycleStateRecord): Promise<void> {
      await pool.query(upsertCycleState(record));
    },

    /**
     * Help approved once and paid in stages, or paid first (先行救助): an entitlement with its schedule,
     * paid by the county's monthly cycles through the same ledger. Idempotent on the case id.
     */
    async recordScheduledEntitlement(record: ScheduledEntitlementRecord): Promise<void> {
      await pool.query(insertScheduledEntitlement({ ...record, schedule: scheduleSchema.parse(record.schedule) }));
    },

    freezeRoll(key: CycleKey): Promise<{ lines: number; amount: string }> {
      return freezeRoll(pool, key);
    },

    buildBatch(key: CycleKey): Promise<BatchSummary> {
      return buildBatchIntoLedger(pool, key);
    },

    exportBankFile(key: CycleKey): Promise<ExportedFile> {
      return exportPaymentFile(pool, key);
    },

    // Input unchanged since the first release ({ key, fileId }: the file is read from the database),
    // so running cycles' histories replay as they are.
    async recordReturn({ key, fileId }: { key: CycleKey; fileId: string }): Promise<ReturnSummary> {
      try {
        return await applyReturnFile(pool, key, fileId);
      } catch (error) {
        if (!(error instanceof ReturnFileRejected)) throw error;
        throw ApplicationFailure.create({
          type: cycleFailureTypes.returnFileRejected,
          message: error.message,
          details: [error.report],
          nonRetryable: true,
        });
      }
    },

    reconcile(key: CycleKey): Promise<ReturnSummary> {
      return reconcileCycle(pool, key.cycleId);
    },
  };
}

export type PaymentActivities = ReturnType<typeof createPaymentActivities>;
