/**
 * The figures temporary help (临时救助) runs on, as a schema; values and their sources live in
 * `config.ts` (procedure.md §3: 《社会救助暂行办法》第四十七、四十八条; 民发〔2018〕23号). Most figures are
 * set locally: the township approval ceiling above all, which each county sets for its townships.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { sourceIdSchema } from '../eligibility';
import { amountLimitsSchema } from '../shared/decidedAmount';
import { durationSchema } from '../shared/durations';
import { sourced } from '../shared/rulesConfig';

export const temporaryHelpRulesSchema = z.object({
  deadlines: z.object({
    /** Township review (investigation, check, opinion), from acceptance. */
    townshipReview: sourced(durationSchema),
    /** The approval, at the township (on the county's behalf) or at the county. */
    approval: sourced(durationSchema),
    /** After help first (先行救助): the paperwork (recipient, reason, amount, signatures) is completed within this. */
    emergencyPaperwork: sourced(durationSchema),
  }),
  /** How long an expense-driven case's review result is posted. */
  publicNotice: sourced(durationSchema),
  /** Amounts up to this (yuan, one case's total) the township approves on the county's behalf (委托审批). */
  townshipApprovalCeiling: sourced(z.number().positive()),
  /**
   * A grant above the amount the household claimed (help first, or an approval's stages in total)
   * needs a written ground and stays within `ceiling` yuan for the case.
   */
  approvedAmount: amountLimitsSchema,
  /** Stages one approval may be paid in (一次审批、分阶段救助). */
  maxStages: sourced(z.number().int().min(1)),
  dataCheck: z.object({
    requiredSources: sourced(z.array(sourceIdSchema)),
    retryAfter: sourced(durationSchema),
  }),
  alerts: z.object({ remindBefore: sourced(durationSchema) }),
  minInvestigators: sourced(z.number().int().min(1)),
});
export type TemporaryHelpRules = z.infer<typeof temporaryHelpRulesSchema>;
