/** Health: the API is up, and whether the database and Temporal answer. */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Pool } from 'pg';
import { authorize } from '../authorize';
import { temporalReach, temporalReachSettings } from '../temporal';

export function healthRouter({ pool, client }: { pool: Pool; client: Client }): Router {
  const router = Router();
  router.get('/healthz', authorize('health.read'), async (_req, res) => {
    const check = async (probe: () => Promise<unknown>) =>
      probe().then(
        () => 'ok',
        (error: unknown) => (error instanceof Error ? error.message : String(error))
      );
    const [database, temporal] = await Promise.all([
      // Bounded like Temporal's probe: a database that accepts connections but never answers (a hung
      // server, a half-open network path) would otherwise hold /healthz for the pool's 10 s connect timeout.
      check(() => withinMs(pool.query('SELECT 1'), temporalReachSettings.probeDeadlineMs.value)),
      // Under a short deadline: an unreachable Temporal is a 503 within ~2 s, not after the client's retries.
      temporalReach(client).probe(),
    ]);
    const healthy = database === 'ok' && temporal === 'ok';
    if (!healthy) res.set('Retry-After', String(temporalReachSettings.retryAfterSeconds.value));
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', database, temporal });
  });
  return router;
}

/** `work`, or a rejection once `ms` have passed without an answer. */
function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
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
