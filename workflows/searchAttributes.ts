/**
 * Custom search attributes every case workflow upserts on each transition. Supervisors find cases in
 * Temporal visibility by these; they never hold personal data (no names, ID numbers or addresses).
 * Shared by the workflow (upsert), the dev-server launcher (registration) and the API.
 */
import type { SearchAttributePair } from '@temporalio/common';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CaseState = defineSearchAttributeKey('YilianState', SearchAttributeType.KEYWORD);
export const CaseProgram = defineSearchAttributeKey('YilianProgram', SearchAttributeType.KEYWORD);
export const CaseCounty = defineSearchAttributeKey('YilianCounty', SearchAttributeType.KEYWORD);
export const CaseTownship = defineSearchAttributeKey('YilianTownship', SearchAttributeType.KEYWORD);
export const CaseDueAt = defineSearchAttributeKey('YilianDueAt', SearchAttributeType.DATETIME);
export const CaseDefinitionVersion = defineSearchAttributeKey('YilianDefinitionVersion', SearchAttributeType.KEYWORD);

/** Name → type, in the form `temporal server start-dev --search-attribute NAME=TYPE` and the operator API take. */
export const caseSearchAttributes: ReadonlyArray<{ name: string; type: 'Keyword' | 'Datetime' }> = [
  { name: CaseState.name, type: 'Keyword' },
  { name: CaseProgram.name, type: 'Keyword' },
  { name: CaseCounty.name, type: 'Keyword' },
  { name: CaseTownship.name, type: 'Keyword' },
  { name: CaseDueAt.name, type: 'Datetime' },
  { name: CaseDefinitionVersion.name, type: 'Keyword' },
];

/**
 * What a case carries from its start to its end: set with the start (so a case whose very first
 * workflow task fails is still found by org) and upserted by the workflow's first transition.
 */
export function caseStartAttributes(
  definition: { program: string; version: string },
  orgs: { county: string; township: string }
): SearchAttributePair[] {
  return [
    { key: CaseProgram, value: definition.program },
    { key: CaseCounty, value: orgs.county },
    { key: CaseTownship, value: orgs.township },
    { key: CaseDefinitionVersion, value: definition.version },
  ];
}
