/**
 * `npm run bench [-- <name>…] [--n 200] [--overhead-n 100] [--rounds 3] [--concurrency 16] [--notice-ms 200]
 * [--duration 10] [--rate 200] [--starts 200] [--checks 200] [--source-ms 50] [--cases 1000000]
 * [--entitlements 50000] [--open 1000,10000] [--cache N]`
 * — runs benchmarks against the local stack (Temporal dev server with in-memory SQLite, or
 * TEMPORAL_ADDRESS; a throw-away PostgreSQL database), prints a table and saves JSON under
 * bench/results/. `--n` is chain's cases, `--overhead-n` overhead's cases per side and round, `--rounds` its
 * alternating rounds, `--checks` and `--source-ms` verification's, `--cases` supervision's,
 * `--entitlements` payment-cycle's, `--open` memory's steps (open cases in all) and
 * `--cache` its worker's sticky cache (default: every case). The default set takes about eight
 * minutes on two cores; `supervision`, `payment-cycle` and `memory` run only when named.
 * Never part of `npm test`; nothing here asserts a time.
 */
import { parseArgs } from 'node:util';
import { apiReadBenchmark } from './benchmarks/apiRead';
import { chainBenchmark } from './benchmarks/chain';
import { memoryBenchmark } from './benchmarks/memory';
import { overheadBenchmark } from './benchmarks/overhead';
import { paymentCycleBenchmark } from './benchmarks/paymentCycle';
import { startBenchmark } from './benchmarks/start';
import { supervisionBenchmark } from './benchmarks/supervision';
import { verificationBenchmark } from './benchmarks/verification';
import type { Benchmark, BenchFlags } from './lib/benchmark';
import { startBenchStack } from './lib/localStack';
import { machineInfo, printTable, rows, saveResult } from './lib/report';

const benchmarks: Record<string, Benchmark> = {
  chain: chainBenchmark,
  overhead: overheadBenchmark,
  'api-read': apiReadBenchmark,
  start: startBenchmark,
  verification: verificationBenchmark,
  supervision: supervisionBenchmark,
  'payment-cycle': paymentCycleBenchmark,
  memory: memoryBenchmark,
};

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/**
 * What `npm run bench` runs with no names: the engine's set, under five minutes on two cores.
 * `supervision` builds a million-case database first (about ten minutes), `payment-cycle` a
 * 50 000-household county and `memory` ten thousand open cases, so they run when named.
 */
const namedOnly = ['supervision', 'payment-cycle', 'memory'];
const defaultSet = Object.keys(benchmarks).filter((name) => !namedOnly.includes(name));

function parseFlags(): { names: string[]; flags: BenchFlags } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      n: { type: 'string', default: '200' },
      'overhead-n': { type: 'string', default: '100' },
      rounds: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '16' },
      'notice-ms': { type: 'string', default: '200' },
      duration: { type: 'string', default: '10' },
      rate: { type: 'string', default: '200' },
      starts: { type: 'string', default: '200' },
      checks: { type: 'string', default: '200' },
      'source-ms': { type: 'string', default: '50' },
      cases: { type: 'string', default: '1000000' },
      entitlements: { type: 'string', default: '50000' },
      open: { type: 'string', default: '1000,10000' },
      cache: { type: 'string' },
    },
  });
  const number = (name: string, raw: string | undefined): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
    return value;
  };
  const names = positionals.length > 0 ? positionals : defaultSet;
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benchmarks).join(', ')}`);
  }
  return {
    names,
    flags: {
      n: number('n', values.n),
      overheadN: number('overhead-n', values['overhead-n']),
      rounds: number('rounds', values.rounds),
      concurrency: number('concurrency', values.concurrency),
      noticeMs: number('notice-ms', values['notice-ms']),
      duration: number('duration', values.duration),
      rate: number('rate', values.rate),
      starts: number('starts', values.starts),
      checks: number('checks', values.checks),
      sourceMs: number('source-ms', values['source-ms']),
      cases: number('cases', values.cases),
      entitlements: number('entitlements', values.entitlements),
      open: values.open.split(',').map((step) => number('open', step)),
      cache: values.cache === undefined ? undefined : number('cache', values.cache),
    },
  };
}

async function main(): Promise<void> {
  const { names, flags } = parseFlags();
  const runStarted = performance.now();
  const machine = machineInfo();
  log(`machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  log(`benchmarks: ${names.join(', ')}; flags ${JSON.stringify(flags)}`);
  const stack = await startBenchStack({ noticeMs: flags.noticeMs, log });
  try {
    for (const name of names) {
      log(`── ${name}`);
      const startedAt = new Date().toISOString();
      const result = await benchmarks[name]!({ stack, flags, log });
      const file = await saveResult({ name, startedAt, machine, ...result });
      printTable(`${name}  (${machine.cores} cores; ${JSON.stringify(result.params)})`, rows(result.metrics));
      log(`saved ${file}`);
    }
  } finally {
    await stack.close();
  }
  log(
    `done: ${names.join(', ')} in ${((performance.now() - runStarted) / 1000).toFixed(0)} s, stack start and stop included`
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
