/**
 * The figures a county's payment cycle runs on, each with its source and effective date. Resolved
 * like every program's rules (definitions/shared/rulesConfig.ts) under the program name 'payments',
 * and frozen into the cycle's workflow input when the cycle starts.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { sourced } from '../shared/rulesConfig';

export const PAYMENT_RULES_PROGRAM = 'payments';

/** A bank file layout this code can write; a new layout is a new version, never an edit of an old one. */
export const bankFileLayoutVersions = ['v1'] as const;

export const paymentRulesSchema = z.object({
  /** Day of the month the bank is asked to credit the accounts (capped at the month's last day). */
  paymentDay: sourced(z.number().int().min(1).max(31)),
  /** The fund (资金来源) each program's payments are booked to. */
  fundCodes: sourced(z.record(z.string(), z.string().regex(/^[A-Z0-9-]{2,32}$/))),
  /** How many cycles after a failure the line is paid again (1: the next month's cycle). */
  retryAfterCycles: sourced(z.number().int().min(1).max(12)),
  bankFileLayout: sourced(z.enum(bankFileLayoutVersions)),
});
export type PaymentRules = z.infer<typeof paymentRulesSchema>;

/** The fund a program's payments are booked to; a program without one cannot be paid. */
export function fundFor(rules: PaymentRules, program: string): string | undefined {
  return rules.fundCodes.value[program];
}
