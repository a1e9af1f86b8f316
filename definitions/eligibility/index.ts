/**
 * Household economic verification and explainable eligibility, as data and pure functions: the
 * rules with their sources, the findings departments report, and the evaluation of dibao, 特困 and
 * temporary help. No I/O: runs inside the workflow sandbox.
 */
export { evaluateDibao, dibaoBenefit } from './dibao';
export { evaluateTekun } from './tekun';
export { evaluateTemporaryHelp } from './temporaryHelp';
export type { EvaluationInput, HouseholdForm } from './household';
export { ageOn } from './household';
export { ELIGIBILITY_RULES_PROGRAM, eligibilityRulesSchema, resolveEligibilityRules } from './rules';
export type { EligibilityRules, Settlement } from './rules';
export { eligibilityConfigEntries } from './config';
export { findingCategories, findingKindLabelsZh, findingKinds, findingKindSchema, findingSchema } from './findings';
export type { Finding, FindingKind } from './findings';
export { sourceIds, sourceIdSchema, sourceLabelsZh } from './sources';
export type { SourceId } from './sources';
export { benefitSchema, checkSchema, eligibilityResultSchema, figureSchema, programSchema } from './result';
export type { Benefit, Check, EligibilityProgram, EligibilityResult, Figure } from './result';
export { programLabelsZh } from './outcome';
