/**
 * Figures the needs assessment uses beyond the eligibility rules: who counts as a school-age child
 * and who as a member of working age. Configuration with provenance like every figure from law;
 * a county overrides them with its own entry (scope = its code) in the rules file.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { ConfigEntry } from '../shared/rulesConfig';
import { resolveRules, sourced } from '../shared/rulesConfig';

export const INTAKE_RULES_PROGRAM = 'intake';

const wholeNumber = z.number().int().min(0);

export const intakeRulesSchema = z.object({
  /** Aged at least this: school age (compulsory education starts at six). */
  schoolAgeFrom: sourced(wholeNumber),
  /** Younger than this: still in school age (senior secondary included, as education help covers it). */
  schoolAgeBelow: sourced(wholeNumber),
  /** Aged at least this: may be employed. */
  workingAgeFrom: sourced(wholeNumber),
  /** Younger than this: of working age for an employment referral. */
  workingAgeBelow: sourced(wholeNumber),
});
export type IntakeRules = z.infer<typeof intakeRulesSchema>;

const FROM = '2021-07-01';
const TO_CONFIRM = '（默认值，待县级民政部门核实确认）';
const figure = (value: number, source: string) => ({ value, source, effectiveFrom: FROM });

export const intakeConfigEntries: ConfigEntry[] = [
  {
    program: INTAKE_RULES_PROGRAM,
    scope: '',
    effectiveFrom: FROM,
    rules: {
      schoolAgeFrom: figure(6, '《中华人民共和国义务教育法》第十一条'),
      schoolAgeBelow: figure(18, `《社会救助暂行办法》第三十三条（高中阶段教育救助）${TO_CONFIRM}`),
      workingAgeFrom: figure(16, '《中华人民共和国劳动法》第十五条'),
      workingAgeBelow: figure(60, `《社会救助暂行办法》第四十二条（就业救助，法定劳动年龄内）${TO_CONFIRM}`),
    },
  },
];

/** The intake figures in force in a county on a date; throws `RulesNotConfigured` when one is missing. */
export function resolveIntakeRules(
  county: string,
  onDate: string,
  localEntries: readonly ConfigEntry[] = []
): IntakeRules {
  return resolveRules(
    [...intakeConfigEntries, ...localEntries],
    intakeRulesSchema,
    INTAKE_RULES_PROGRAM,
    county,
    onDate
  );
}
