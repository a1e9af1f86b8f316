/**
 * The risk rules (风险预警) over one case's facts: each rule a small pure function, all of them
 * run together. Finished cases are not assessed: a warning is for a case someone can still act on.
 * No I/O: the database layer gathers the facts, the activity stores the warnings.
 */
import type { RiskRules } from './config';
import { deceasedMemberReceivingWarnings } from './deceasedMemberReceiving';
import type { CaseFacts, RiskWarning } from './facts';
import { repeatedTemporaryHelpWarnings } from './repeatedTemporaryHelp';
import { sharedMemberWarnings } from './sharedMember';
import { sharedPayeeAccountWarnings } from './sharedPayeeAccount';
import { undeclaredStaffRelativeWarnings } from './undeclaredStaffRelative';

export function assessCase(facts: CaseFacts, rules: RiskRules): RiskWarning[] {
  if (!facts.active) return [];
  return [
    ...sharedMemberWarnings(facts),
    ...deceasedMemberReceivingWarnings(facts),
    ...undeclaredStaffRelativeWarnings(facts),
    ...repeatedTemporaryHelpWarnings(facts, rules),
    ...sharedPayeeAccountWarnings(facts),
  ];
}

export { amountAboveComputedWarnings } from './amountAboveComputed';
export type { RecordedDecision } from './amountAboveComputed';
export * from './config';
export * from './facts';
export * from './warningStates';
