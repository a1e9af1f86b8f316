/**
 * Printing and saving results: a readable table on stdout, and JSON files under bench/results/
 * (git-ignored) that `npm run bench:compare` can set side by side.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface SavedResult {
  name: string;
  startedAt: string;
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; platform: string };
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
}

export function machineInfo(): SavedResult['machine'] {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export const resultsDir = path.resolve(__dirname, '..', 'results');

export async function saveResult(result: SavedResult): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = path.join(resultsDir, `${stamp}-${result.name}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

type Row = [string, string];

function isLatency(value: unknown): value is { p50: number; p99: number; p95?: number; p90?: number } {
  return typeof value === 'object' && value !== null && 'p50' in value && 'p99' in value;
}

/** Numeric leaves as rows; a latency summary becomes one row "p50 / p95 / p99 ms". */
export function rows(metrics: Record<string, unknown>, prefix = ''): Row[] {
  const out: Row[] = [];
  for (const [key, value] of Object.entries(metrics)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isLatency(value)) {
      const middle = value.p95 ?? value.p90;
      const label = value.p95 !== undefined ? 'p50/p95/p99' : 'p50/p90/p99';
      out.push([`${name} (${label} ms)`, `${value.p50} / ${middle} / ${value.p99}`]);
    } else if (typeof value === 'number') {
      out.push([name, String(value)]);
    } else if (typeof value === 'object' && value !== null) {
      out.push(...rows(value as Record<string, unknown>, name));
    }
  }
  return out;
}

export function printTable(title: string, table: Row[]): void {
  const width = Math.max(...table.map(([k]) => k.length), 10);
  console.log(`\n${title}`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(24)}`);
  for (const [key, value] of table) console.log(`${key.padEnd(width)}  ${value}`);
}
