/**
 * The household economic check as the engine runs it: per-source call policies and the report of
 * one run. The rules it evaluates live in `../eligibility`; the adapters that reach the departments
 * live in the top-level `registries/` folder (I/O side).
 * No I/O: runs inside the workflow sandbox.
 */
export * from './report';
export * from './sourcePolicies';
