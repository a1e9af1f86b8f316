/**
 * The figures a referral (转办/转介) runs on, as a schema; values and their sources live in
 * `config.ts`. A referral is a case of its own sent to a county department, which acknowledges it
 * and then reports what it did, each within its limit. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { durationSchema } from '../shared/durations';
import { sourced } from '../shared/rulesConfig';

export const referralRulesSchema = z.object({
  deadlines: z.object({
    /** From sending: the department acknowledges (签收) the referral. */
    acknowledge: sourced(durationSchema),
    /** From acknowledgement: the department reports the outcome (办理结果). */
    outcome: sourced(durationSchema),
  }),
  alerts: z.object({ remindBefore: sourced(durationSchema) }),
});
export type ReferralRules = z.infer<typeof referralRulesSchema>;
