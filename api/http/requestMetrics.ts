/**
 * The API's Prometheus metrics (prom-client), on a registry of its own per app (tests build many
 * apps in one process; the default global registry would mix them): requests by route pattern,
 * method and status, and their latency. Request rate is `rate(yilian_http_requests_total[5m])`,
 * errors the same with `status=~"5.."`, latency `histogram_quantile` over the duration buckets
 * (docs/observability.md). Routes are patterns (`/api/applications/:id`), never paths.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface RequestMetrics {
  readonly registry: Registry;
  observe(request: { method: string; route: string; status: number; seconds: number }): void;
}

/** A read is a few milliseconds; a decision waits for its records (an Update), up to seconds. */
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function createRequestMetrics(registry: Registry = new Registry()): RequestMetrics {
  // The process's own figures (CPU, memory, event-loop lag, handles): an API that slows down shows why.
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'yilian_http_requests_total',
    help: 'API requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'yilian_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer going out, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  return {
    registry,
    observe({ method: sent, route, status, seconds }) {
      // A label value per method a caller makes up would let anyone grow the series without bound.
      const method = METHODS.has(sent) ? sent : 'OTHER';
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
    },
  };
}
