/** What a benchmark gets and gives back. */
import type { BenchStack } from './localStack';

export interface BenchFlags {
  /** Cases for chain. */
  n: number;
  /** Cases for overhead, driven once through each side (so twice in all). */
  overheadN: number;
  /** Rounds of overhead, each side once per round, alternating which goes first. */
  rounds: number;
  /** Concurrent clients. */
  concurrency: number;
  /** Length of the public notice in the benchmark county, in milliseconds. */
  noticeMs: number;
  /** Seconds of load for api-read. */
  duration: number;
  /** Requests per second for api-read (fixed rate). */
  rate: number;
  /** Applications in the start burst. */
  starts: number;
  /** Household economic checks in verification's concurrent phase. */
  checks: number;
  /** How long each registry stand-in takes to answer in verification, milliseconds. */
  sourceMs: number;
  /** Cases generated for supervision. */
  cases: number;
  /** Entitlements in the county of payment-cycle. */
  entitlements: number;
  /** Open cases after each step of memory (ascending, in all). */
  open: number[];
  /** The memory worker's sticky cache; by default every open case fits. */
  cache: number | undefined;
}

export interface BenchContext {
  stack: BenchStack;
  flags: BenchFlags;
  log: (message: string) => void;
}

export interface BenchResult {
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
}

export type Benchmark = (context: BenchContext) => Promise<BenchResult>;
