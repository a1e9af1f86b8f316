/**
 * The figures the 特困人员 (extreme-poverty support) chain runs on, as a schema; values and their
 * sources live in `config.ts`. Article numbers [n] refer to 《特困人员认定办法》 (procedure.md §2).
 * A county's resolved rules are frozen into the case when it starts.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { sourceIdSchema } from '../eligibility';
import { amountLimitsSchema } from '../shared/decidedAmount';
import { durationSchema } from '../shared/durations';
import { numberAtLeast, numberAtMost, percent, periodAtLeast, periodAtMost } from '../shared/legalBounds';
import { sourced } from '../shared/rulesConfig';
import { tekunLegalBounds as law } from './config';

export const tekunRulesSchema = z.object({
  deadlines: z.object({
    /** Township investigation and first review, from acceptance [13]. */
    townshipReview: sourced(periodAtMost(law.townshipReview)),
    /** A new opinion after notice objections, from the notice's end [15]. */
    revisedOpinion: sourced(periodAtMost(law.revisedOpinion)),
    /** County review and decision, from receiving the file [16]. */
    countyDecision: sourced(periodAtMost(law.countyDecision)),
    /** Written reasons for a rejection, from the decision [18]. */
    rejectionNotice: sourced(periodAtMost(law.rejectionNotice)),
    /** County decision on objections to a planned termination [26]. */
    terminationDecision: sourced(periodAtMost(law.terminationDecision)),
  }),
  /** How long the first-review result is posted, and again after objections [15]. */
  publicNotice: sourced(periodAtLeast(law.publicNotice)),
  /** How long a planned termination is posted [26]. */
  terminationNotice: sourced(periodAtLeast(law.terminationNotice)),
  /** Share of the county's cases it home-checks itself, drawn at random [16]. */
  countyHomeCheckRatio: sourced(numberAtLeast(z.number().max(1), law.countyHomeCheckRatio, percent)),
  /** Self-care assessment: how many of the daily-living items a person cannot do sets the level [20–23]. */
  selfCare: z.object({
    /** From this many items unable: partly unable to care for oneself (部分丧失生活自理能力). */
    partialLossFrom: sourced(z.number().int().min(1)),
    /** From this many items unable: wholly unable (完全丧失生活自理能力). */
    fullLossFrom: sourced(z.number().int().min(1)),
  }),
  dataCheck: z.object({
    /** Sources without whose answer the check may not conclude. */
    requiredSources: sourced(z.array(sourceIdSchema)),
    /** How long an incomplete check waits before asking the silent sources again. */
    retryAfter: sourced(durationSchema),
  }),
  alerts: z.object({ remindBefore: sourced(durationSchema) }),
  /** Investigators a home visit needs at least [13]. */
  minInvestigators: sourced(z.number().int().min(1)),
  /**
   * The county's monthly support standard (救助供养标准: basic living plus the care standard) for each
   * care level: an approved amount up to it needs no more; above it, a written ground and at most
   * `approvedAmount.maxMultipleOfReference` times it.
   */
  supportStandard: sourced(
    z.object({
      selfCaring: z.number().positive(),
      partlyUnable: z.number().positive(),
      whollyUnable: z.number().positive(),
    })
  ),
  approvedAmount: amountLimitsSchema,
  /** Months between approval and the first payment ("support from the following month" [17]). */
  firstPaymentMonthOffset: sourced(numberAtMost(z.number().int().min(0), law.firstPaymentMonthOffset)),
});
export type TekunRules = z.infer<typeof tekunRulesSchema>;
