/**
 * A fast answer when Temporal cannot be reached. Reaching Temporal and waiting for it are told
 * apart: a call that cannot reach the server would otherwise spend ~20 s in the client's own gRPC
 * retries before failing; so each command first asks the server for its system info under a short
 * deadline, and only then makes its call with the usual waits, because an Update legitimately waits
 * for activities (a decision's records, a household's children) far longer than any reachability
 * deadline.
 */
import type { Client } from '@temporalio/client';
import { Unavailable } from './errors';

/** Operational figures (not legal ones), with where they come from. */
export const temporalReachSettings = {
  probeDeadlineMs: {
    value: 1500,
    source:
      'Yilian operations: a system-info call answers in milliseconds; 1.5 s covers a busy frontend, and the API answers 503 within ~2 s (issue 12)',
  },
  trustProbeForMs: {
    value: 1000,
    source: 'Yilian operations: a probe answered this recently is trusted, so a busy API asks at most once a second',
  },
  retryAfterSeconds: {
    value: 5,
    source: 'Yilian operations: Retry-After sent with a 503 while Temporal is unreachable',
  },
} as const;

export interface TemporalReach {
  /** Throws Unavailable (503) unless the server answered within the probe deadline (or did recently). */
  reachable(): Promise<void>;
}

const reaches = new WeakMap<Client, TemporalReach>();

/** One reach per client, so every command of a process shares the last good probe. */
export function temporalReach(client: Client): TemporalReach {
  const known = reaches.get(client);
  if (known) return known;
  let answeredAt = Number.NEGATIVE_INFINITY;
  const ask = () =>
    client.withDeadline(Date.now() + temporalReachSettings.probeDeadlineMs.value, () =>
      client.workflowService.getSystemInfo({})
    );
  const reach: TemporalReach = {
    async reachable() {
      if (Date.now() - answeredAt < temporalReachSettings.trustProbeForMs.value) return;
      try {
        await ask();
      } catch {
        // Whatever the probe's failure, nothing was asked of Temporal yet.
        throw new Unavailable(
          '流程引擎暂时无法连接，请稍后重试；您的操作未被执行',
          temporalReachSettings.retryAfterSeconds.value
        );
      }
      answeredAt = Date.now();
    },
  };
  reaches.set(client, reach);
  return reach;
}
