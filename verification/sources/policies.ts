/**
 * Suggested timeout and retry per source, for the activity that queries it. Registries that answer
 * from a local index (household registration, civil affairs, vehicles) are fast; financial
 * institutions answer through a provincial exchange and are slow. Retries back off up to a minute:
 * the county's data-check clock is counted in working days, so patience costs nothing and a burst
 * of retries against a struggling department helps nobody. `SourceRefused` is never retried.
 */
import type { SourceId } from '../../definitions/eligibility';

export interface SourceCallPolicy {
  /** Longest one query may take (the activity's start-to-close timeout). */
  timeoutMs: number;
  retry: { initialIntervalMs: number; backoffCoefficient: number; maximumIntervalMs: number; maximumAttempts: number };
}

/** Error names a retry policy must treat as permanent. */
export const nonRetryableSourceErrors = ['SourceRefused'] as const;

const fast: SourceCallPolicy = {
  timeoutMs: 10_000,
  retry: { initialIntervalMs: 2_000, backoffCoefficient: 2, maximumIntervalMs: 60_000, maximumAttempts: 5 },
};
const slow: SourceCallPolicy = {
  timeoutMs: 30_000,
  retry: { initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 60_000, maximumAttempts: 8 },
};

export const sourceCallPolicies: Record<SourceId, SourceCallPolicy> = {
  householdRegistration: fast,
  civilAffairs: fast,
  socialSecurity: { ...fast, timeoutMs: 15_000 },
  realEstate: { ...fast, timeoutMs: 15_000 },
  vehicles: fast,
  businessRegistration: fast,
  tax: { ...slow, timeoutMs: 20_000 },
  providentFund: { ...fast, timeoutMs: 15_000 },
  banks: slow,
  securities: slow,
  insurers: slow,
  internetFinance: slow,
  utilities: fast,
};
