/**
 * Migration plans between released chart versions, one per version pair (docs/change-safety.md,
 * "Live-case migration"). None yet: every program is still on its first released version.
 * No I/O: runs inside the workflow sandbox.
 */
import type { MigrationPlan } from '../engine/migrationPlan';

export const releasedMigrationPlans: readonly MigrationPlan[] = [];
