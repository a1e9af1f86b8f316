/**
 * Custom search attributes every case workflow upserts on each transition. Supervisors find cases in
 * Temporal visibility by these; they never hold personal data (no names, ID numbers or addresses).
 * Shared by the workflow (upsert), the dev-server launcher (registration) and the API.
 */
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
