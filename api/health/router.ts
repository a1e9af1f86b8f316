/**
 * Health, as an orchestrator asks it: /healthz says the process is alive (answered from memory,
 * nothing else asked: a restart would not cure a database that is down), /readyz whether it can
 * work — PostgreSQL, Temporal and a polling worker — so a load balancer sends requests elsewhere
 * meanwhile (api/health/readiness.ts). Both public and both answer within a second.
 */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import type { Pool } from 'pg';
import { authorize } from '../http/authorize';
import { checkReadiness, readinessSettings } from './readiness';

export function healthRouter(deps: { pool: Pool; client: Client; taskQueue: string }): Router {
  const router = Router();
  router.get('/healthz', authorize('health.read'), (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', authorize('health.read'), async (_req, res) => {
    const { ready, ...checks } = await checkReadiness(deps);
    if (!ready) res.set('Retry-After', String(readinessSettings.retryAfterSeconds.value));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', ...checks });
  });
  return router;
}
