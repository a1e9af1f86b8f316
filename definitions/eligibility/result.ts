/**
 * What an eligibility evaluation returns, as a schema: a decision and, for every rule applied, the
 * figures it compared, the records those figures came from, the legal source of the limit and an
 * explanation staff can read out to the household. Types come from here only.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';

export const programSchema = z.enum(['dibao', 'tekun', 'temporaryHelp']);
export type EligibilityProgram = z.infer<typeof programSchema>;

export const figureSchema = z.object({
  name: z.string(),
  labelZh: z.string(),
  value: z.number(),
  /** Chinese unit as staff read it: '元/月', '元/人/月', '元', '人', '辆', '套', '户', '个月'. */
  unit: z.string(),
});
export type Figure = z.infer<typeof figureSchema>;

export const checkSchema = z.object({
  /** Stable id of the rule, e.g. 'income.belowLine'. */
  rule: z.string(),
  labelZh: z.string(),
  /**
   * 'condition': the household must pass it to be eligible. 'flag': something staff must look at
   * (a member registered dead, undeclared assets); it does not by itself decide eligibility.
   */
  kind: z.enum(['condition', 'flag']),
  passed: z.boolean(),
  figures: z.array(figureSchema),
  /** References of the source records the figures were computed from. */
  sources: z.array(z.string()),
  /** Where the limit comes from (document and article of each figure used). */
  ruleSource: z.string(),
  explanationZh: z.string(),
});
export type Check = z.infer<typeof checkSchema>;

export const benefitSchema = z.object({
  /** Household per-capita monthly income, yuan. */
  perCapitaIncome: z.number(),
  /** Line applied, yuan per person per month. */
  line: z.number(),
  /** Members counted (living members). */
  members: z.number().int(),
  /** line − per-capita income, yuan per person per month. */
  gap: z.number(),
  /** What the household receives a month, yuan: gap × members, rounded, at least the minimum. */
  monthlyAmount: z.number(),
  minimumApplied: z.boolean(),
  ruleSource: z.string(),
  explanationZh: z.string(),
});
export type Benefit = z.infer<typeof benefitSchema>;

export const eligibilityResultSchema = z.object({
  program: programSchema,
  onDate: z.string(),
  /** Every 'condition' check passed. */
  eligible: z.boolean(),
  /** Some 'flag' check failed: staff should look before deciding. */
  flagged: z.boolean(),
  /** Dibao only: not eligible, but income under the edge factor × line and assets within limits. */
  lowIncomeEdge: z.boolean().optional(),
  members: z.object({
    counted: z.number().int(),
    excluded: z.array(z.object({ idNumber: z.string(), name: z.string(), reasonZh: z.string() })),
  }),
  checks: z.array(checkSchema),
  benefit: benefitSchema.optional(),
  summaryZh: z.string(),
});
export type EligibilityResult = z.infer<typeof eligibilityResultSchema>;
