/**
 * The figures the dibao chain runs on, as a schema. Values live in `config.ts` (with their
 * sources); a county's resolved rules are frozen into the case when it starts, so a rule change
 * applies to new applications and never rewrites a case in flight.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { sourceIdSchema } from '../eligibility';
import { amountLimitsSchema } from '../shared/decidedAmount';
import { durationSchema } from '../shared/durations';
import { numberAtLeast, numberAtMost, periodAtLeast, periodAtMost } from '../shared/legalBounds';
import { sourced } from '../shared/rulesConfig';
import { dibaoLegalBounds as law } from './config';

export const dibaoRulesSchema = z.object({
  deadlines: z.object({
    /** Home visit must start within this of acceptance [15]. */
    investigationStart: sourced(periodAtMost(law.investigationStart)),
    /** County data check, from the township's request [17]. */
    dataCheck: sourced(periodAtMost(law.dataCheck)),
    /** County decision, from receiving the file [20]. */
    countyDecision: sourced(periodAtMost(law.countyDecision)),
    /** Written rejection notice, from the decision [21]. */
    rejectionNotice: sourced(periodAtMost(law.rejectionNotice)),
    /** Whole chain, from acceptance [22]. */
    overall: sourced(periodAtMost(law.overall)),
    /** Whole chain once a supervisor has extended it for one of the allowed reasons [22]. */
    overallExtended: sourced(periodAtMost(law.overallExtended)),
  }),
  /** How long the first-review result is posted in the village [19]. */
  publicNotice: sourced(periodAtLeast(law.publicNotice)),
  dataCheck: z.object({
    /**
     * Sources without whose answer the check may not conclude: while any is silent the check waits
     * and asks again. The others (supporting evidence) may be missing; the report says which [17].
     */
    requiredSources: sourced(z.array(sourceIdSchema)),
    /** How long an incomplete check waits before asking the silent sources again. */
    retryAfter: sourced(durationSchema),
  }),
  /** The reasons for which a supervisor may extend the overall limit [22]; the extension names one. */
  extensionReasons: sourced(z.array(z.string().min(1)).min(1)),
  alerts: z.object({
    /** How long before a step's due date its owner is reminded (the escalation comes at the due date). */
    remindBefore: sourced(durationSchema),
  }),
  /** Investigators a home visit needs at least [16]. */
  minInvestigators: sourced(numberAtLeast(z.number().int(), law.minInvestigators)),
  /** Months between approval and the first payment ("from the month after approval" [21]). */
  firstPaymentMonthOffset: sourced(numberAtMost(z.number().int().min(0), law.firstPaymentMonthOffset)),
  /** Ongoing management (动态管理): how often an approved household is checked again [31]. */
  recheck: z.object({
    /** Households whose situation is stable (no member able to work). */
    stable: sourced(periodAtMost(law.recheckStable)),
    /** Households whose income is irregular or with members able to work. */
    irregular: sourced(periodAtMost(law.recheckIrregular)),
    /** After a member's death is reported, the re-check is due within this (2022 notice). */
    afterMemberDeath: sourced(durationSchema),
  }),
  /** 渐退期: how long payment goes on after a member found work and income passed the line [33]. */
  phaseOut: sourced(durationSchema),
  /**
   * An amount the county sets above the benefit the check computed needs a written ground and stays
   * within `maxMultipleOfReference` × that benefit and `ceiling` yuan a month (only the latter where
   * the check computed none).
   */
  approvedAmount: amountLimitsSchema.required(),
  /** Months between a change decision (reduce, increase, stop) and the payment period it applies to [32]. */
  changeEffectMonthOffset: sourced(z.number().int().min(0)),
});
export type DibaoRules = z.infer<typeof dibaoRulesSchema>;
