/**
 * The extension point for staging a chart version before it is released: versions listed here can
 * drive cases (a case migrated to one, docs/change-safety.md "Live-case migration") but no new case
 * starts on them, and they are not in the fingerprint record until released. A deployment stages a
 * version by replacing this module in both of its builds — the workflow bundle (webpack's
 * NormalModuleReplacementPlugin, see `stagedVersionsReplacement` in worker/stagedVersions.ts) and the
 * API — with one that lists the new definitions and their migration plans. The test suite does
 * exactly that with test/support/stagedVersions.ts (jest.config.js and test/globalSetup.ts).
 * Production lists none. No I/O: runs inside the workflow sandbox.
 */
import type { MigrationPlan } from './engine/migrationPlan';
import type { AnyProgramDefinition } from './shared/programDefinition';

export const stagedDefinitions: readonly AnyProgramDefinition[] = [];
export const stagedMigrationPlans: readonly MigrationPlan[] = [];
