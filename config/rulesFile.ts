/**
 * Local rules loaded from a JSON file at start-up (RULES_FILE): a county's own figures, or a demo
 * county whose clocks run in seconds. Each entry carries its scope, effective date and source like
 * the built-in ones, and is checked before the process serves a single request.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ConfigEntry } from '../definitions/shared/rulesConfig';
import { configEntrySchema, resolveRules, RulesNotConfigured } from '../definitions/shared/rulesConfig';
import { currentDefinition } from '../definitions';
import { ELIGIBILITY_RULES_PROGRAM, resolveEligibilityRules } from '../definitions/eligibility';
import { PAYMENT_RULES_PROGRAM, paymentConfigEntries, paymentRulesSchema } from '../definitions/payments';
import { RISK_RULES_PROGRAM, resolveRiskRules } from '../definitions/risk';

export function loadRulesFile(path: string | undefined): ConfigEntry[] {
  if (path === undefined) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`RULES_FILE ${path} could not be read as JSON: ${reason}`, { cause: error });
  }
  const parsed = z.array(configEntrySchema).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  [${i.path.join('.')}] ${i.message}`).join('\n');
    throw new Error(`RULES_FILE ${path} has invalid entries:\n${problems}`);
  }
  parsed.data.forEach((entry, index) => checkEntry(entry, index, parsed.data, path));
  return parsed.data;
}

/**
 * One entry, named in any refusal by its place in the file, program, scope and date: its clocks, and
 * the rules it gives with the built-in ones — complete, and each figure within its legal bound.
 */
function checkEntry(entry: ConfigEntry, index: number, all: ConfigEntry[], path: string): void {
  const scope = entry.scope === '' ? '(national)' : entry.scope;
  const where = `RULES_FILE ${path}, entry ${index} (program ${entry.program}, scope ${scope}, from ${entry.effectiveFrom})`;
  checkDemoClocks(entry, where);
  try {
    checkEntryResolves(entry, all, path);
  } catch (error) {
    if (!(error instanceof RulesNotConfigured)) throw error;
    const problems = error.issues.map((i) => `  ${figureOf(i.path)}: ${i.message}`).join('\n');
    throw new Error(
      `${where} is refused. No complete ${error.program} rules for county ${error.county} on ${error.onDate}: ` +
        `a figure is missing or beyond its legal limit:\n${problems}`,
      { cause: error }
    );
  }
}

/** `publicNotice.value.amount` → `publicNotice`: the figure as the rules file names it. */
const figureOf = (issuePath: string): string => issuePath.replace(/\.value(\..*)?$/, '') || '(rules)';

/** Paths of the periods an entry counts in seconds. */
function secondsPeriods(value: unknown, at: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if (record.unit === 'seconds' && typeof record.amount === 'number') return [at.join('.')];
  return Object.entries(record).flatMap(([key, inner]) => secondsPeriods(inner, [...at, key]));
}

/**
 * Seconds are a test or demonstration clock, exempt from the legal floors on periods: a county file
 * may use them only in an entry that says it is a demo, so a real county cannot shorten its public
 * notice to a minute by accident or by design without saying so in the file.
 */
function checkDemoClocks(entry: ConfigEntry, where: string): void {
  if (entry.demo === true) return;
  const periods = secondsPeriods(entry.rules).map(figureOf);
  if (periods.length === 0) return;
  throw new Error(
    `${where} counts ${periods.join(', ')} in seconds, which only a test or demonstration county may do: ` +
      'state the period in days, working days, hours or months, or mark the entry "demo": true'
  );
}

/**
 * An entry must name a known program (or the eligibility, risk or payment figures all programs
 * share) and, merged with the built-in figures, give complete rules.
 */
function checkEntryResolves(entry: ConfigEntry, all: ConfigEntry[], path: string): void {
  if (entry.program === ELIGIBILITY_RULES_PROGRAM) {
    resolveEligibilityRules(entry.scope.padEnd(6, '0'), entry.effectiveFrom, all);
    return;
  }
  if (entry.program === RISK_RULES_PROGRAM) {
    resolveRiskRules(entry.scope.padEnd(6, '0'), entry.effectiveFrom, all);
    return;
  }
  if (entry.program === PAYMENT_RULES_PROGRAM) {
    const county = entry.scope.padEnd(6, '0');
    resolveRules([...paymentConfigEntries, ...all], paymentRulesSchema, entry.program, county, entry.effectiveFrom);
    return;
  }
  const definition = currentDefinition(entry.program);
  if (!definition) throw new Error(`RULES_FILE ${path}: unknown program ${entry.program}`);
  resolveRules(
    [...definition.configEntries, ...all],
    definition.rulesSchema,
    entry.program,
    entry.scope.padEnd(6, '0'),
    entry.effectiveFrom
  );
}
