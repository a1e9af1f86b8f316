/**
 * What the needs assessment proposes, as a schema: a program or a referral, how strongly the
 * declared data points to it, the reason staff read out, and the figures and rules behind it.
 * Types come from here only. No I/O.
 */
import { z } from 'zod';
import { figureSchema } from '../eligibility/result';
import { applicationProgramSchema } from '../shared/application';
import { referralKindSchema } from './householdForm';

export const proposalSchema = z.object({
  kind: z.enum(['program', 'referral']),
  code: z.union([applicationProgramSchema, referralKindSchema]),
  labelZh: z.string(),
  /** likely: the declared data meets every condition; possible: worth considering, staff decide. */
  strength: z.enum(['likely', 'possible']),
  reasonZh: z.string(),
  basis: z.object({
    figures: z.array(figureSchema),
    /** Documents and articles of the figures and rules used. */
    ruleSource: z.string(),
  }),
  /** The members the proposal concerns (names as declared); empty when it is the whole household. */
  members: z.array(z.string()),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const needsAssessmentSchema = z.object({
  onDate: z.string(),
  proposals: z.array(proposalSchema),
  /** One line a clerk can read out. */
  summaryZh: z.string(),
});
export type NeedsAssessment = z.infer<typeof needsAssessmentSchema>;
