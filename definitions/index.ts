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

const byVersion = new Map(programDefinitions.map((d) => [d.version, d]));
const currentByProgram = new Map(programDefinitions.map((d) => [d.program, d]));

export function definitionForVersion(version: string): AnyProgramDefinition {
  const definition = byVersion.get(version);
  if (!definition) throw new Error(`Unknown definition version ${version}`);
  return definition;
}

export function currentDefinition(program: string): AnyProgramDefinition | undefined {
  return currentByProgram.get(program);
}

export type { AnyProgramDefinition } from './shared/programDefinition';
