/**
 * Holds a write the database refused for good, inside a workflow, instead of failing the workflow or
 * retrying it for ever. The write waits, published in the memo for the stuck-case view, until a
 * supervisor sends `retryBlockedWrites` (after fixing the cause); then it runs again, and what was
 * waiting on it goes on in order. Callers waiting on the workflow (an Update) get an answer at once,
 * and new decisions are refused while a write is held, so nothing is decided that cannot be recorded.
 * Transient failures are untouched: the activity's own retry policy still retries them.
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  setHandler,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import type { BlockedWrite } from './blockedWrites';
import {
  BLOCKED_WRITES_MEMO,
  DATA_ERROR,
  dataErrorDetailsSchema,
  retryBlockedWritesSignal,
  WRITE_BLOCKED,
} from './blockedWrites';

export interface WriteGuard {
  /** The same activities, each of whose refused writes is held rather than thrown. */
  guarded<A extends object>(activities: A): A;
  /** Waits for `work`, or fails with WriteBlocked as soon as a write is held. */
  unlessBlocked<T>(work: Promise<T>): Promise<T>;
  /** Throws WriteBlocked while a write is held (for Update validators). */
  refuseWhileBlocked(): void;
  /** No guarded write in flight or held: the workflow may finish or continue as new without losing one. */
  idle(): boolean;
}

type Refusal = Omit<BlockedWrite, 'activityType' | 'failedAt'>;

function refusalOf(error: unknown): Refusal | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== DATA_ERROR) return undefined;
  const details = dataErrorDetailsSchema.safeParse(cause.details?.[0]);
  return {
    sqlState: details.success ? details.data.sqlState : '',
    condition: details.success ? details.data.condition : '',
    message: cause.message,
  };
}

export function createWriteGuard(): WriteGuard {
  const held = new Map<number, BlockedWrite>();
  let nextId = 0;
  let retries = 0;
  let inFlight = 0;
  setHandler(retryBlockedWritesSignal, () => {
    retries += 1;
  });

  function publish(): void {
    upsertMemo({ [BLOCKED_WRITES_MEMO]: held.size > 0 ? [...held.values()] : null });
  }

  function blockedFailure(): ApplicationFailure {
    const writes = [...held.values()];
    return ApplicationFailure.create({
      type: WRITE_BLOCKED,
      message: `A write was refused by the database (${writes.map((w) => `${w.activityType}: SQLSTATE ${w.sqlState}`).join('; ')}); held until a supervisor retries`,
      details: [{ workflowId: workflowInfo().workflowId, writes }],
      nonRetryable: true,
    });
  }

  async function land<T>(activityType: string, write: () => Promise<T>): Promise<T> {
    inFlight += 1;
    try {
      for (;;) {
        try {
          return await write();
        } catch (error) {
          const refusal = refusalOf(error);
          if (!refusal) throw error;
          const id = nextId++;
          const seen = retries;
          held.set(id, { activityType, ...refusal, failedAt: new Date().toISOString() });
          publish();
          await condition(() => retries !== seen);
          held.delete(id);
          publish();
        }
      }
    } finally {
      inFlight -= 1;
    }
  }

  return {
    guarded<A extends object>(activities: A): A {
      return new Proxy(activities, {
        get(target, name, receiver) {
          const activity = Reflect.get(target, name, receiver) as unknown;
          if (typeof activity !== 'function' || typeof name !== 'string') return activity;
          return (...args: unknown[]) => land(name, () => (activity as (...a: unknown[]) => Promise<unknown>)(...args));
        },
      });
    },

    async unlessBlocked<T>(work: Promise<T>): Promise<T> {
      let outcome: { value: T } | { error: unknown } | undefined;
      work.then(
        (value) => (outcome = { value }),
        (error: unknown) => (outcome = { error })
      );
      await condition(() => outcome !== undefined || held.size > 0);
      if (outcome && 'value' in outcome) return outcome.value;
      if (outcome) throw outcome.error;
      throw blockedFailure();
    },

    refuseWhileBlocked(): void {
      if (held.size > 0) throw blockedFailure();
    },

    idle: () => inFlight === 0,
  };
}
