/** The workflows the worker registers. */
export { caseWorkflow } from './caseWorkflow';
export { riskSweepWorkflow } from './riskSweep';
export { paymentCycle } from './paymentCycle';
export { householdApplication } from './householdApplication';
