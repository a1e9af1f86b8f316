/**
 * Jest runs the TypeScript tests through SWC: type checking is `npm run typecheck`'s job, and SWC
 * transpiles a file in milliseconds where ts-jest would type-check it again. globalSetup starts one
 * Temporal dev server and one throw-away database for the whole run (see test/globalSetup.ts).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Needs the cluster topology running; `npm run test:cluster` starts it and runs these (jest.cluster.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cluster/'],
  transform: {
    // jose and openid-client ship ES modules only; Jest's CommonJS runtime needs them transpiled.
    '^.+/node_modules/(jose|openid-client|oauth4webapi)/.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
  globalSetup: '<rootDir>/test/globalSetup.ts',
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  // Integration tests drive real workflows through Temporal; 5 s (Jest's default) is not enough.
  testTimeout: 60_000,
  // Each worker runs Temporal workers of its own; more than two starve a small CI machine.
  maxWorkers: 2,
  // The staged chart versions (definitions/stagedVersions.ts) as the test workflow bundle has them
  // (test/globalSetup.ts): a dibao@2 no case starts on, for the migration tests.
  moduleNameMapper: { '^\\./stagedVersions$': '<rootDir>/test/support/stagedVersions.ts' },
  modulePathIgnorePatterns: ['<rootDir>/.tools/', '<rootDir>/.data/'],
};
