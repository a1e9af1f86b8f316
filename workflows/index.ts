/** The workflows the worker registers. */
export { caseWorkflow } from './caseWorkflow';
export { paymentCycle } from './paymentCycle';
