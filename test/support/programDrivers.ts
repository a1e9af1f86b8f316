/**
 * Chart drivers for 特困 and temporary help, on the test county's rules (clocks as configured
 * nationally, notices in seconds), so chart tests read like the procedure.
 */
import type { TekunInput } from '../../definitions/tekun/context';
import { tekunDefinition } from '../../definitions/tekun';
import type { TekunRules } from '../../definitions/tekun/rules';
import { temporaryHelpDefinition } from '../../definitions/temporaryHelp';
import type { TemporaryHelpInput } from '../../definitions/temporaryHelp/context';
import type { TemporaryHelpRules } from '../../definitions/temporaryHelp/rules';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import { resolveRules } from '../../definitions/shared/rulesConfig';
import { ChartDriver } from './chartDriver';
import { TEST_COUNTY, testConfigEntries, testOrgs } from './factories';

const ON = '2026-11-29';

export function tekunRules(extra: ConfigEntry[] = []): TekunRules {
  const entries = [...tekunDefinition.configEntries, ...testConfigEntries(), ...extra];
  return resolveRules(entries, tekunDefinition.rulesSchema, 'tekun', TEST_COUNTY, ON);
}

export function temporaryHelpRules(extra: ConfigEntry[] = []): TemporaryHelpRules {
  const entries = [...temporaryHelpDefinition.configEntries, ...testConfigEntries(), ...extra];
  return resolveRules(entries, temporaryHelpDefinition.rulesSchema, 'temporaryHelp', TEST_COUNTY, ON);
}

export const tekunDriver = (input: Partial<TekunInput> = {}) =>
  new ChartDriver(tekunDefinition, {
    caseId: 'TK-379901-test',
    orgs: testOrgs,
    rules: tekunRules(),
    materials: ['idCard'],
    ...input,
  });

export const temporaryHelpDriver = (input: Partial<TemporaryHelpInput> = {}) =>
  new ChartDriver(temporaryHelpDefinition, {
    caseId: 'LS-379901-test',
    orgs: testOrgs,
    rules: temporaryHelpRules(),
    materials: ['idCard'],
    claim: { kind: 'expense', amountClaimed: 800, description: '住院医疗费用支出较大' },
    ...input,
  });

/** A rules entry for one figure of a program in the test county. */
export const testCountyRule = (program: string, rules: Record<string, unknown>): ConfigEntry => ({
  program,
  scope: TEST_COUNTY,
  effectiveFrom: '2020-01-02',
  rules,
});
