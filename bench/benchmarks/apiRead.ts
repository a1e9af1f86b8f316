/**
 * api-read — `GET /api/applications/:id` (a Temporal query plus a read-model look-up) and
 * `GET /api/cases` (the read model alone) under a fixed request rate from a separate process
 * (autocannon), so the load generator does not share the API's event loop.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiClient } from '../lib/apiClient';
import type { BenchContext, BenchResult } from '../lib/benchmark';
import { benchActors as a, benchApplication } from '../lib/households';
import type { CaseView } from '../../workflows/contract';

const run = promisify(execFile);
const AUTOCANNON = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'autocannon');

interface AutocannonReport {
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; average: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function load(url: string, duration: number, rate: number, headers: Record<string, string>) {
  const args = ['-j', '-c', '16', '-d', String(duration), '-R', String(rate)];
  for (const [key, value] of Object.entries(headers)) args.push('-H', `${key}=${value}`);
  args.push(url);
  const { stdout } = await run(AUTOCANNON, args, { maxBuffer: 10 * 1024 * 1024 });
  const report = JSON.parse(stdout) as AutocannonReport;
  return {
    requests: report.requests.total,
    requestsPerSecond: report.requests.average,
    latencyMs: {
      mean: report.latency.average,
      p50: report.latency.p50,
      p90: report.latency.p90,
      p99: report.latency.p99,
      max: report.latency.max,
    },
    errors: report.errors + report.timeouts,
    non2xx: report.non2xx,
  };
}

export async function apiReadBenchmark({ stack, flags, log }: BenchContext): Promise<BenchResult> {
  const api = new ApiClient(stack.apiUrl, stack.pool);
  // A few cases at different steps, so the list has rows and the look-up a live workflow.
  const ids: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const view = await api.request<CaseView>('POST', '/api/applications', a.window, benchApplication(2_000_000 + i));
    if (i % 2 === 0) await api.event(view.id, a.window, { type: 'ACCEPT' });
    ids.push(view.id);
  }
  const headers = await api.headersFor(a.county);
  log(`GET /api/applications/:id at ${flags.rate} req/s for ${flags.duration} s`);
  const application = await load(`${stack.apiUrl}/api/applications/${ids[0]}`, flags.duration, flags.rate, headers);
  log(`GET /api/cases at ${flags.rate} req/s for ${flags.duration} s`);
  const cases = await load(`${stack.apiUrl}/api/cases?limit=50`, flags.duration, flags.rate, headers);
  return {
    params: { rate: flags.rate, duration: flags.duration, connections: 16 },
    metrics: { 'GET /api/applications/:id': application, 'GET /api/cases': cases },
  };
}
