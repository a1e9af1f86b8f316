/**
 * The metrics listener: `GET /metrics` in Prometheus's text format, on a port of its own
 * (METRICS_PORT, bound to METRICS_HOST), never on the API's. The API's port is the one a reverse
 * proxy publishes to staff; this one is for the monitoring network only, so a scrape needs no
 * staff credential and the figures (counts per route and per county, no personal data) never reach
 * a browser. Its route still names its action in the access policy (`metrics.read`, public), and
 * an app with an undeclared route does not build, as for the API (docs/observability.md).
 */
import express from 'express';
import type { Registry } from 'prom-client';
import { authorize } from './authorize';
import { assertEveryRouteDeclares } from './routeActions';

export function createMetricsApp({ registry }: { registry: Registry }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', authorize('metrics.read'), async (_req, res) => {
    const text = await registry.metrics();
    res.type(registry.contentType).send(text);
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found: metrics are at /metrics\n');
  });
  assertEveryRouteDeclares(app);
  return app;
}
