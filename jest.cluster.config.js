/**
 * The cluster CI job's Jest run (`npm run test:cluster` starts the cluster and runs this): the
 * failover tests of test/cluster/, and a slice of the workflow and API suite against the cluster's
 * Temporal server on PostgreSQL (TEMPORAL_ADDRESS, which test/globalSetup.ts uses instead of a dev
 * server): the dibao chain with its timers, the data check's fan-out, the API over HTTP, and the
 * supervision lists that query Temporal's visibility store by search attribute.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest reads its configuration as CommonJS
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/cluster/**/*.test.ts',
    '<rootDir>/test/workflows/caseWorkflow.test.ts',
    '<rootDir>/test/workflows/dataCheck.test.ts',
    '<rootDir>/test/api/applicationsApi.test.ts',
    '<rootDir>/test/api/stuckCasesApi.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/'],
};
