/**
 * The ordered shutdown (scripts/lib/shutdown.ts) closes the metrics listener with the rest: a
 * Prometheus scrape connection kept alive does not hold the process open, and once stopped the port
 * takes no more connections. The worker's Temporal metrics are the runtime's, checked with
 * `npm run worker` in processLifecycle.test.ts.
 */
import type { Server } from 'node:http';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection } from '@temporalio/client';
import express from 'express';
import { createMetricsApp } from '../../api/http/metricsApp';
import { createRequestMetrics } from '../../api/http/requestMetrics';
import { stopInOrder } from '../../scripts/lib/shutdown';
import { testEnvironment } from '../support/environment';

const listen = (app: express.Express): Promise<Server> =>
  new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
const portOf = (server: Server): number => (server.address() as AddressInfo).port;

/** One scrape over a kept-alive socket (as Prometheus scrapes), left open afterwards. */
function scrapeKeepingAlive(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const agent = new Agent({ keepAlive: true });
    const req = request({ host: '127.0.0.1', port, path: '/metrics', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('shutdown / metrics listener', () => {
  it('closes the metrics listener with the API, even with a scrape connection kept alive', async () => {
    const api = await listen(express());
    const metrics = await listen(createMetricsApp({ registry: createRequestMetrics().registry }));
    const connection = await Connection.connect({ address: testEnvironment().temporalAddress });
    const metricsPort = portOf(metrics);
    expect(await scrapeKeepingAlive(metricsPort)).toBe(200);

    const started = Date.now();
    await stopInOrder({ http: { server: api, connection, metrics } });

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(metrics.listening).toBe(false);
    expect(api.listening).toBe(false);
    await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow();
  });
});
