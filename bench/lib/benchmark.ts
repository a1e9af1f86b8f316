/** What a benchmark gets and gives back. */
import type { BenchStack } from './localStack';

export interface BenchFlags {
  /** Cases for chain and overhead. */
  n: number;
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
