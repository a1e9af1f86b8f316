/**
 * Local rules loaded from a JSON file at start-up (RULES_FILE): a county's own figures, or a demo
 * county whose clocks run in seconds. Each entry carries its scope, effective date and source like
 * the built-in ones, and is checked before the process serves a single request.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ConfigEntry } from '../definitions/shared/rulesConfig';
import { configEntrySchema, resolveRules } from '../definitions/shared/rulesConfig';
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
  for (const entry of parsed.data) checkEntryResolves(entry, parsed.data, path);
  return parsed.data;
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
