/**
 * The programs this installation runs, by name and by chart version. A case records the version it
 * started with and is always driven by that chart, so a new chart version never changes a case
 * in flight. No I/O: runs inside the workflow sandbox.
 */
import { dibaoDefinition } from './dibao';
import { referralDefinition } from './referral';
import { tekunDefinition } from './tekun';
import { temporaryHelpDefinition } from './temporaryHelp';
import type { AnyProgramDefinition } from './shared/programDefinition';
import { cycleChartVersion, cycleMachine } from './payments/cycleChart';
import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import { resolveRules } from './shared/rulesConfig';
import type { MigrationPlan } from './engine/migrationPlan';
import { releasedMigrationPlans } from './migrations';
import { stagedDefinitions, stagedMigrationPlans } from './stagedVersions';

export const programDefinitions: readonly AnyProgramDefinition[] = [
  dibaoDefinition,
  tekunDefinition,
  temporaryHelpDefinition,
  referralDefinition,
];

/** Every chart under a version, for the fingerprint check (docs/change-safety.md). */
export const versionedCharts: readonly { program: string; version: string; machine: AnyStateMachine }[] = [
  ...programDefinitions.map(({ program, version, machine }) => ({ program, version, machine })),
  { program: 'paymentCycle', version: cycleChartVersion, machine: cycleMachine },
];

/** Released versions first; a staged version (stagedVersions.ts) drives migrated cases only. */
const byVersion = new Map<string, AnyProgramDefinition>();
for (const definition of [...programDefinitions, ...stagedDefinitions]) {
  if (byVersion.has(definition.version)) {
    throw new Error(`Chart version ${definition.version} is registered twice: rename the staged one`);
  }
  byVersion.set(definition.version, definition);
}
const currentByProgram = new Map(programDefinitions.map((d) => [d.program, d]));

export function definitionForVersion(version: string): AnyProgramDefinition {
  const definition = byVersion.get(version);
  if (!definition) throw new Error(`Unknown definition version ${version}`);
  return definition;
}

/** Whether a version is known (released or staged), without throwing. */
export function hasDefinitionVersion(version: string): boolean {
  return byVersion.has(version);
}

const plans = new Map<string, MigrationPlan>(
  [...releasedMigrationPlans, ...stagedMigrationPlans].map((p) => [`${p.from}→${p.to}`, p])
);

/** The plan that moves cases from one version to another, if one is written. */
export function migrationPlanFor(from: string, to: string): MigrationPlan | undefined {
  return plans.get(`${from}→${to}`);
}

export function currentDefinition(program: string): AnyProgramDefinition | undefined {
  return currentByProgram.get(program);
}

/**
 * A program's event payload schemas under the national rules on China date `on`: the shapes every
 * county shares (a county's rules tighten limits, never the shape). What the API describes.
 */
export function nationalEventPayloads(definition: AnyProgramDefinition, on: string): Record<string, z.ZodType> {
  const rules: unknown = resolveRules(
    definition.configEntries,
    definition.rulesSchema,
    definition.program,
    '000000',
    on
  );
  return definition.eventPayloads(rules);
}

export type { AnyProgramDefinition } from './shared/programDefinition';
