/**
 * The access policy: who may take which action where, who may send which case event, and the
 * separation-of-duties and recusal rules. Pure; the API adapter is api/http/authorize.ts and the rules
 * are explained in docs/security.md ("Authorization policy").
 */
export type { ActionName, ActionRule, RoleScopes } from './actions';
export { actionNames, actionRule, actionRules } from './actions';
export { caseEventRoles, eventRolesOfChart } from './caseEvents';
export { decide, decideEvent, decideRole, decidedByRole, rolesOf, scopesOf } from './policy';
export type { Decision, Refusal, RefusalCode } from './refusals';
export { refusal, refusalRulesZh, roleLabelsZh } from './refusals';
export type { AccessCaller, Scope, Target } from './scopes';
export { caseTarget, scopeNames, withinScope } from './scopes';
export type { RegisteredRelative } from './separationOfDuties';
export {
  checkingCommands,
  countyDecisionEvents,
  decidesAfterInvestigation,
  investigatorRecusal,
  investigatorsOf,
  makerChecker,
  relativeRecusal,
} from './separationOfDuties';

// Personal data in responses: what is masked, who sees it in full, and what a supervisor must say.
export type { AccessKind, Served } from './disclosure';
export {
  accessKindLabelsZh,
  accessKindSchema,
  fullValueRoles,
  purposeRequired,
  purposeSchema,
  servedValues,
} from './disclosure';
export {
  maskBankAccount,
  maskBankFile,
  maskIdNumber,
  maskNumbersInText,
  maskPersonalData,
  maskPhone,
  personalFields,
} from './personalData';
