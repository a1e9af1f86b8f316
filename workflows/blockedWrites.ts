/**
 * What the worker, the workflows and the API share about writes the database refuses for good: the
 * failure type an activity fails with, what a workflow holding such a write publishes (in its memo,
 * so the stuck-case scan reads it from the describe answer it already makes), the signal that sends
 * it to try again, and the failure its waiting callers get. Kept apart from workflow code so the API
 * and the worker import no workflow implementation.
 */
import { defineSignal } from '@temporalio/workflow';
import { z } from 'zod';

/** An activity's non-retryable failure: PostgreSQL refused the write and would refuse it again. */
export const DATA_ERROR = 'DataError';
/** details[0] of a DataError failure. */
export const dataErrorDetailsSchema = z.object({ sqlState: z.string(), condition: z.string() });

/** An update refused or ended because one of the workflow's writes is held (details[0]: blockedWritesSchema). */
export const WRITE_BLOCKED = 'WriteBlocked';

export const blockedWriteSchema = z.object({
  activityType: z.string(),
  sqlState: z.string(),
  condition: z.string(),
  /** Schema names only (see db/sqlState.ts): no value from the row. */
  message: z.string(),
  failedAt: z.string(),
});
export type BlockedWrite = z.infer<typeof blockedWriteSchema>;

export const blockedWritesSchema = z.object({ workflowId: z.string(), writes: z.array(blockedWriteSchema) });
export type BlockedWrites = z.infer<typeof blockedWritesSchema>;

/** Memo key holding the workflow's held writes; absent while none is held. */
export const BLOCKED_WRITES_MEMO = 'blockedWrites';

/** Runs every held write again (once the cause is fixed: a migration, a code fix, corrected data). */
export const retryBlockedWritesSignal = defineSignal('retryBlockedWrites');
