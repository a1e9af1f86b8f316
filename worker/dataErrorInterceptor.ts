/**
 * The one place a database error becomes a Temporal failure. Every activity the worker runs (queued
 * or local) passes through it: a PostgreSQL error no retry can cure (db/sqlState.ts) leaves as a
 * non-retryable `DataError`, whose message names the SQLSTATE and schema objects only, so the
 * workflow holds the write and shows it as stuck instead of retrying it for ever. Every other error
 * passes through untouched, for the activity's retry policy.
 */
import type { Next } from '@temporalio/common';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
} from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/activity';
import { permanentRefusal } from '../db/sqlState';
import { DATA_ERROR } from '../workflows/blockedWrites';

class DataErrorInterceptor implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      const refusal = permanentRefusal(error);
      if (!refusal) throw error;
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
