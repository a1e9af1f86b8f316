/**
 * Whether this API process can do its work, for /readyz: PostgreSQL answers, Temporal answers, and
 * some worker polls the task queue (for workflow tasks and for activity tasks — cases started with
 * none would wait silently). Each check runs under one short deadline, all at once, so /readyz
 * answers within a second even when one of them hangs. Answers 'ok' or what is wrong, in English,
 * for operators; nothing else.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Pool } from 'pg';

/** Operational figures (not legal ones), with where they come from. */
export const readinessSettings = {
  checkDeadlineMs: {
    value: 600,
    source:
      'Yilian operations: each check answers in milliseconds when healthy; 600 ms leaves /readyz inside the 1 s a load balancer or orchestrator probe allows, on a busy machine too (issue 16)',
  },
  pollerSeenWithinMs: {
    value: 120_000,
    source:
      "Yilian operations: an idle worker's long poll lasts about a minute before it polls again; a worker not seen for two has stopped (the server itself remembers pollers for 5 min)",
  },
  retryAfterSeconds: {
    value: 5,
    source: 'Yilian operations: Retry-After sent with a 503 while a dependency is missing',
  },
} as const;

export interface Readiness {
  ready: boolean;
  database: string;
  temporal: string;
  workers: string;
}

const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } = temporal.api.enums.v1.TaskQueueType;

export async function checkReadiness({
  pool,
  client,
  taskQueue,
}: {
  pool: Pool;
  client: Client;
  taskQueue: string;
}): Promise<Readiness> {
  const deadlineMs = readinessSettings.checkDeadlineMs.value;
  const deadline = Date.now() + deadlineMs;
  const answer = (probe: Promise<unknown>): Promise<string> =>
    probe.then(
      () => 'ok',
      (error: unknown) => (error instanceof Error ? error.message : String(error))
    );
  const [database, temporalAnswer, workers] = await Promise.all([
    // Bounded here: a database that accepts connections but never answers (a hung server, a half-open
    // network path) would otherwise hold the check for the pool's 10 s connect timeout.
    answer(withinMs(pool.query('SELECT 1'), deadlineMs)),
    // The gRPC deadline ends the call; the timer bounds what the client does before it (a connection
    // to a server that is gone waits for readiness first, past the deadline).
    answer(
      withinMs(
        client.withDeadline(deadline, () => client.workflowService.getSystemInfo({})),
        deadlineMs
      )
    ),
    answer(withinMs(pollingWorkers(client, taskQueue, deadline), deadlineMs)),
  ]);
  return {
    ready: database === 'ok' && temporalAnswer === 'ok' && workers === 'ok',
    database,
    temporal: temporalAnswer,
    workers,
  };
}

/** Rejects unless a worker was seen polling the queue for both kinds of task within pollerSeenWithinMs. */
async function pollingWorkers(client: Client, taskQueue: string, deadline: number): Promise<void> {
  const seenSince = Date.now() - readinessSettings.pollerSeenWithinMs.value;
  const kinds = [
    { type: TASK_QUEUE_TYPE_WORKFLOW, name: 'workflow' },
    { type: TASK_QUEUE_TYPE_ACTIVITY, name: 'activity' },
  ];
  const missing = await Promise.all(
    kinds.map(async ({ type, name }) => {
      const described = await client.withDeadline(deadline, () =>
        client.workflowService.describeTaskQueue({
          namespace: client.options.namespace,
          taskQueue: { name: taskQueue },
          taskQueueType: type,
        })
      );
      const recent = (described.pollers ?? []).filter(
        (poller) => Number(poller.lastAccessTime?.seconds ?? 0) * 1000 >= seenSince
      );
      return recent.length > 0 ? [] : [name];
    })
  );
  const none = missing.flat();
  if (none.length > 0) throw new Error(`no worker polling ${taskQueue} for ${none.join(' or ')} tasks`);
}

/** `work`, or a rejection once `ms` have passed without an answer. */
export function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    );
  });
}
