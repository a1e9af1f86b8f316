/**
 * What a new case starts with: its program's rules (and eligibility rules) in force in its county
 * on the day, frozen with the form. One builder for every way a case starts: at the window through
 * the API, as a household's child, or opened from another case (转其他救助). Pure; throws
 * `UnknownProgram` or `RulesNotConfigured` for the caller to report in its own terms.
 */
import { currentDefinition } from '../definitions';
import type { CalendarYear } from '../definitions/calendar';
import { chinaDate } from '../definitions/calendar';
import type { EligibilityRules } from '../definitions/eligibility';
import { resolveEligibilityRules } from '../definitions/eligibility';
import type { Actor } from '../definitions/shared/actors';
import type { CaseIntake } from '../definitions/shared/intake';
import type { ConfigEntry } from '../definitions/shared/rulesConfig';
import { resolveRules } from '../definitions/shared/rulesConfig';
import type { SourceCallPolicies } from '../definitions/verification';
import type { CaseWorkflowInput } from './contract';
import { programIdPrefix, withIdPrefix } from '../definitions/shared/caseIds';

/** The id of the case a program opens from another case: the same county and suffix, its own prefix. */
export function siblingCaseId(caseId: string, program: string): string {
  return withIdPrefix(caseId, programIdPrefix(program));
}

export class UnknownProgram extends Error {
  constructor(readonly program: string) {
    super(`Unknown program ${program}`);
  }
}

export interface CaseInputSettings {
  /** A deployment's own rules entries (RULES_FILE), laid over the built-in ones. */
  extraConfigEntries: readonly ConfigEntry[];
  calendarYears?: CalendarYear[];
  sourcePolicies?: SourceCallPolicies;
  historyLimit?: number;
}

export function buildCaseInput(
  application: CaseIntake,
  submittedBy: Actor,
  caseId: string,
  now: Date,
  settings: CaseInputSettings
): CaseWorkflowInput {
  const definition = currentDefinition(application.program);
  if (!definition) throw new UnknownProgram(application.program);
  const onDate = chinaDate(now);
  const rules: unknown = resolveRules(
    [...definition.configEntries, ...settings.extraConfigEntries],
    definition.rulesSchema,
    definition.program,
    application.orgs.county,
    onDate
  );
  const eligibilityRules: EligibilityRules | undefined = definition.verification
    ? resolveEligibilityRules(application.orgs.county, onDate, settings.extraConfigEntries)
    : undefined;
  return {
    caseId,
    definitionVersion: definition.version,
    rules,
    ...(settings.calendarYears ? { calendarYears: settings.calendarYears } : {}),
    ...(eligibilityRules ? { eligibilityRules } : {}),
    ...(settings.sourcePolicies ? { sourcePolicies: settings.sourcePolicies } : {}),
    application,
    submittedBy,
    ...(settings.historyLimit !== undefined ? { historyLimit: settings.historyLimit } : {}),
  };
}
