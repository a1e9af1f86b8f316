/**
 * The Grafana dashboard shipped in ops/grafana stays in step with the metrics the API serves: every
 * `yilian_…` series a panel queries is one the API registers, and its variables' labels exist.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { createRequestMetrics } from '../../api/http/requestMetrics';
import { registerBusinessGauges } from '../../observability/businessGauges';
import { silentLogger } from '../../observability/logger';
import { testEnvironment } from '../support/environment';

interface Panel {
  title: string;
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../ops/grafana/yilian-business.json'), 'utf8')
) as { panels: Panel[]; templating: { list: { query: { query: string } }[] } };

/** Series name (histogram parts by their metric) → label names, as registered. */
async function servedMetrics(): Promise<Map<string, Set<string>>> {
  // Registering opens no connection; the pool is never queried here.
  const pool = new Pool({ connectionString: testEnvironment().databaseUrl });
  try {
    const metrics = createRequestMetrics();
    registerBusinessGauges(metrics.registry, { pool, logger: silentLogger() });
    const served = new Map<string, Set<string>>();
    for (const metric of metrics.registry.getMetricsAsArray()) {
      const { name, labelNames = [] } = metric as unknown as { name: string; labelNames?: string[] };
      served.set(name, new Set(labelNames));
    }
    return served;
  } finally {
    await pool.end();
  }
}

describe('Grafana dashboard', () => {
  it('queries only metrics the API serves', async () => {
    const served = await servedMetrics();
    const queried = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).flatMap((t) =>
        [...t.expr.matchAll(/\b(yilian_\w+)/g)].map((m) => ({ panel: p.title, series: m[1]! }))
      )
    );
    expect(queried.length).toBeGreaterThan(10);
    const unserved = queried.filter(
      ({ series }) => !served.has(series) && !served.has(series.replace(/_(bucket|count|sum)$/, ''))
    );
    expect(unserved).toEqual([]);
  });

  it('offers the counties and programs the business gauges are labelled with', async () => {
    const served = await servedMetrics();
    for (const variable of dashboard.templating.list) {
      const [, metric, label] = /^label_values\((\w+), (\w+)\)$/.exec(variable.query.query) ?? [];
      expect(served.get(metric ?? '')?.has(label ?? '')).toBe(true);
    }
  });
});
