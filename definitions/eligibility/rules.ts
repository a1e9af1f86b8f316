/**
 * The figures household economic verification and eligibility run on, as a schema; values with
 * their sources live in `config.ts`, a county's own in the rules file.
 *
 * One rules program, 'eligibility', rather than one per program: dibao, 特困 and temporary help all
 * measure a household against the same local dibao line and the same asset limits (特困 requires
 * income below the dibao line and assets within the local rules; temporary help uses the asset
 * rules too). A county's notice raising the line must change all three at once, so the figure
 * exists once. Program-specific figures sit in their own section (`tekun`, `temporaryHelp`).
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { ConfigEntry } from '../shared/rulesConfig';
import { resolveRules, sourced } from '../shared/rulesConfig';
import { ELIGIBILITY_RULES_PROGRAM, eligibilityConfigEntries } from './config';
import { findingKindSchema } from './findings';

const yuan = z.number().min(0);
const wholeNumber = z.number().int().min(0);

export const eligibilityRulesSchema = z.object({
  /** Dibao line, yuan per person per month (urban, or the one line where urban and rural are unified). */
  dibaoLine: sourced(yuan),
  /** Rural line where the county still has one; households marked rural are measured against it. */
  ruralDibaoLine: sourced(yuan).optional(),
  /** A household not eligible, with income below this multiple of the line, is low-income-edge (低保边缘). */
  lowIncomeEdgeFactor: sourced(z.number().min(1)),
  income: z.object({
    /** Finding kinds whose monthly amount is household income. */
    countedKinds: sourced(z.array(findingKindSchema).min(1)),
  }),
  assets: z.object({
    /** Finding kinds that are financial assets (deposits, securities, cash value of insurance …). */
    financialKinds: sourced(z.array(findingKindSchema).min(1)),
    /** Per-capita financial assets may not exceed this many months of the line. */
    financialAssetMonths: sourced(z.number().positive()),
    /** Vehicle categories that never count against the household (disability vehicle …). */
    exemptVehicleCategories: sourced(z.array(z.string().min(1))),
    /** Any other vehicle is allowed only at or below this assessed value, in yuan. */
    lowValueVehicleCeiling: sourced(yuan),
    /** Properties a household may own (its home). */
    maxProperties: sourced(wholeNumber),
    /** An active business registered with more capital than this, in yuan, disqualifies. */
    businessCapitalCeiling: sourced(yuan),
    /** So does an active business employing more people than this. */
    businessMaxEmployees: sourced(wholeNumber),
  }),
  benefit: z.object({
    /** The monthly amount is rounded to a multiple of `step` yuan (0.1, 1 …) in the given direction. */
    rounding: sourced(z.object({ step: z.number().positive(), mode: z.enum(['up', 'nearest', 'down']) })),
    /** An eligible household receives at least this much a month. */
    minimumMonthly: sourced(yuan),
  }),
  tekun: z.object({
    /** Aged this or older: an elderly person without capacity to work. */
    elderlyAge: sourced(wholeNumber),
    /** Younger than this: a minor. */
    minorAgeBelow: sourced(wholeNumber),
    /** Disability levels (as recorded on the form) that qualify. */
    qualifyingDisability: sourced(z.array(z.enum(['mild', 'moderate', 'severe'])).min(1)),
    /** A supporter this old with income below the local per-capita disposable income cannot support. */
    supporterUnableAge: sourced(wholeNumber),
    /**
     * The property test 第七条 applies to an old, disabled or incapacitated supporter ("财产符合当地
     * 低收入家庭财产状况规定"): their own financial assets may not exceed this many months of the
     * local dibao line. Local rules set it; the default is a county figure to be confirmed.
     */
    supporterAssetMonths: sourced(z.number().positive()),
  }),
  temporaryHelp: z.object({
    /** Last year's local per-capita disposable income (上年度居民人均可支配收入), yuan per year. */
    perCapitaDisposableIncome: sourced(z.object({ year: z.number().int(), annual: yuan })),
    ruralPerCapitaDisposableIncome: sourced(z.object({ year: z.number().int(), annual: yuan })).optional(),
  }),
});
export type EligibilityRules = z.infer<typeof eligibilityRulesSchema>;
export { ELIGIBILITY_RULES_PROGRAM };

/** Whether a household is measured against the urban or the rural figures (where a county has both). */
export type Settlement = 'urban' | 'rural';

/**
 * The eligibility rules in force in a county on a date: built-in entries plus the county's own
 * (`localEntries`, e.g. from the rules file). Throws `RulesNotConfigured` when a figure is missing.
 */
export function resolveEligibilityRules(
  county: string,
  onDate: string,
  localEntries: readonly ConfigEntry[] = []
): EligibilityRules {
  return resolveRules(
    [...eligibilityConfigEntries, ...localEntries],
    eligibilityRulesSchema,
    ELIGIBILITY_RULES_PROGRAM,
    county,
    onDate
  );
}
