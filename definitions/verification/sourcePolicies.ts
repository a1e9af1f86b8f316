/**
 * Timeout and retry per data source, for the activity that queries it. Registries that answer
 * from a local index (household registration, civil affairs, vehicles) are fast; financial
 * institutions answer through a provincial exchange and are slow. Retries back off up to a minute:
 * the county's data-check clock is counted in working days, so patience costs nothing and a burst
 * of retries against a struggling department helps nobody. A refusal is never retried.
 *
 * Pure data with a schema: the case workflow sets each source activity's options from it, and a
 * deployment (or a test) may pass its own in the workflow input.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { SourceId } from '../eligibility';
import { sourceIdSchema } from '../eligibility';

export const sourceCallPolicySchema = z.object({
  /** Longest one query may take (the activity's start-to-close timeout). */
  timeoutMs: z.number().int().positive(),
  retry: z.object({
    initialIntervalMs: z.number().int().positive(),
    backoffCoefficient: z.number().min(1),
    maximumIntervalMs: z.number().int().positive(),
    /** Attempts in all, the first included; then the source counts as not answering for this run. */
    maximumAttempts: z.number().int().min(1),
  }),
});
export type SourceCallPolicy = z.infer<typeof sourceCallPolicySchema>;

export const sourceCallPoliciesSchema = z.record(sourceIdSchema, sourceCallPolicySchema);
export type SourceCallPolicies = Record<SourceId, SourceCallPolicy>;

/** Error type a retry policy must treat as permanent: the source answered and said no. */
export const SOURCE_REFUSED = 'SourceRefused';

const fast: SourceCallPolicy = {
  timeoutMs: 10_000,
  retry: { initialIntervalMs: 2_000, backoffCoefficient: 2, maximumIntervalMs: 60_000, maximumAttempts: 5 },
};
const slow: SourceCallPolicy = {
  timeoutMs: 30_000,
  retry: { initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 60_000, maximumAttempts: 8 },
};

export const sourceCallPolicies: SourceCallPolicies = {
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
