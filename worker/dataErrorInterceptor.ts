/**
 * The one place a database error becomes a Temporal failure. Every activity the worker runs (queued
 * or local) passes through it: a PostgreSQL error no retry can cure (db/sqlState.ts) leaves as a
 * non-retryable `DataError`, whose message names the SQLSTATE and schema objects only, so the
 * workflow holds the write and shows it as stuck instead of retrying it for ever, and says so in the
 * worker's log. Every other error passes through untouched, for the activity's retry policy.
 */
import type { Next } from '@temporalio/common';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
} from '@temporalio/worker';
import { ApplicationFailure, log } from '@temporalio/activity';
import { permanentRefusal } from '../db/sqlState';
import { DATA_ERROR } from '../workflows/blockedWrites';

class DataErrorInterceptor implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      const refusal = permanentRefusal(error);
      if (!refusal) throw error;
      // The activity context's logger: the line carries the workflow (case) id and the activity type.
      log.warn('database refused a write for good; the workflow holds it', {
        sqlState: refusal.sqlState,
        condition: refusal.condition,
      });
      throw ApplicationFailure.create({
        type: DATA_ERROR,
        message: refusal.message,
        details: [{ sqlState: refusal.sqlState, condition: refusal.condition }],
        nonRetryable: true,
      });
    }
  }
}

export const dataErrorInterceptor: ActivityInterceptorsFactory = () => ({ inbound: new DataErrorInterceptor() });
