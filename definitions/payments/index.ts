/**
 * Payments: entitlements become monthly payment cycles per county, paid exactly once through a
 * ledger. Chart, configuration and the pure functions the activities and the API share.
 * No I/O: runs inside the workflow sandbox.
 */
export * from './amounts';
export * from './bankFile';
export * from './batch';
export * from './config';
export * from './csvFields';
export * from './cycleChart';
export * from './cycleEvents';
export * from './cycleReading';
export * from './periods';
export * from './reconciliation';
export * from './returnFile';
export * from './returnFileLimits';
export * from './rules';
export * from './stages';
