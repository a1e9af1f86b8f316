/**
 * What a new case starts with: its program's rules (and eligibility rules) in force in its county
 * on the day, frozen with the form. One builder for every way a case starts: at the window through
 * the API, as a household's child, or opened from another case (转其他救助). Pure; throws
 * `UnknownProgram` or `RulesNotConfigured` for the caller to report in its own terms.
 */
import { currentDefinition } from './index';
import type { CalendarYear } from './calendar';
import { chinaDate } from './calendar';
import type { EligibilityRules } from './eligibility';
import { resolveEligibilityRules } from './eligibility';
import type { Actor } from './shared/actors';
import { programIdPrefix, withIdPrefix } from './shared/caseIds';
import type { CaseIntake } from './shared/intake';
import type { ConfigEntry } from './shared/rulesConfig';
import { resolveRules } from './shared/rulesConfig';
import type { SourceCallPolicies } from './verification';

/** The id of the case a program opens from another case: the same county and suffix, its own prefix. */
export function siblingCaseId(caseId: string, program: string): string {
  return withIdPrefix(caseId, programIdPrefix(program));
}

export class UnknownProgram extends Error {
  constructor(readonly program: string) {
    super(`Unknown program ${program}`);
  }
}

/** What a case starts with; the case workflow's input adds what only a running workflow needs. */
export interface CaseInput {
  caseId: string;
  definitionVersion: string;
  /** The county's rules in force on the day of application, frozen for the life of the case. */
  rules: unknown;
  /** The household's application form, or a referral's start request. */
  application: CaseIntake;
  submittedBy: Actor;
  /**
   * Eligibility rules in force on the day of application, frozen with the rest; present for
   * programs whose chart runs a household economic check.
   */
  eligibilityRules?: EligibilityRules;
  /**
   * The working-day calendar years known when the case started (built-in years with those loaded from
   * CALENDAR_DIR laid over them), frozen for the life of the case. Absent on cases started before
   * years travelled in the input: those run on the built-in years.
   */
  calendarYears?: CalendarYear[];
  /** Timeout and retry per data source (defaults: `sourceCallPolicies`). */
  sourcePolicies?: SourceCallPolicies;
  /** How many history events a run of the case may reach before it carries on as a new one (lower in tests). */
  historyLimit?: number;
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
): CaseInput {
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
