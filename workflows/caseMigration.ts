/**
 * What a live-case migration to another chart version would do to a case as it stands
 * (docs/change-safety.md, "Live-case migration"): the plan's verdict, with the re-based snapshot
 * when the case can move, and the case as it is once moved. The dry run (a query) and the
 * migration itself ask the same question.
 * Deterministic sandbox code: no Node built-ins, no I/O.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { definitionForVersion, hasDefinitionVersion, migrationPlanFor } from '../definitions';
import type { AnyProgramDefinition } from '../definitions';
import type { ClockStarts } from '../definitions/engine/clocks';
import { advanceStepClocks } from '../definitions/engine/clocks';
import type { MigrationRebase } from '../definitions/engine/migrationPlan';
import { checkMigration } from '../definitions/engine/migrationPlan';
import { currentStep } from '../definitions/engine/snapshotReading';
import type { CaseLine } from './caseRecorder';
import type { MigrationAnswer, MigrationRequest, ResumeState } from './contract';
import { MIGRATE_DEFINITION_EVENT } from './contract';

/** The case as a migration reads it. */
export interface MigratingCase {
  definition: AnyProgramDefinition;
  snapshot: AnyMachineSnapshot;
  timers: ResumeState['timers'];
  stepClocks: ClockStarts;
  rules: unknown;
}

export interface MigrationJudgement {
  answer: MigrationAnswer;
  /** Set when the answer is `wouldMigrate`: the version to move to and the case re-based onto it. */
  target?: AnyProgramDefinition;
  rebase?: MigrationRebase;
}

export function judgeMigration(
  current: MigratingCase,
  request: { from: string; to: string },
  at: string
): MigrationJudgement {
  const { definition, snapshot } = current;
  const here = definition.version;
  if (here === request.to) return { answer: { outcome: 'alreadyMigrated', definitionVersion: here } };
  const cannot = (code: 'caseFinished' | 'versionMismatch' | 'noPlan', reasonZh: string) => ({
    answer: { outcome: 'cannotMigrate' as const, definitionVersion: here, code, reasonZh },
  });
  if (snapshot.status !== 'active') return cannot('caseFinished', '案件已办结，不需要迁移');
  if (here !== request.from) return cannot('versionMismatch', `案件使用的是 ${here}，不是 ${request.from}`);
  const plan = migrationPlanFor(request.from, request.to);
  if (!plan || !hasDefinitionVersion(request.to)) {
    return cannot('noPlan', `没有从 ${request.from} 迁移到 ${request.to} 的迁移方案`);
  }
  const target = definitionForVersion(request.to);
  const state = {
    stateValue: snapshot.value as unknown,
    context: snapshot.context as unknown,
    timers: current.timers,
    stepClocks: current.stepClocks,
    rules: current.rules,
  };
  const check = checkMigration(plan, definition, target, state, at);
  if (!check.ok) {
    return {
      answer: { outcome: 'cannotMigrate', definitionVersion: here, code: check.code, reasonZh: check.reasonZh },
    };
  }
  return {
    answer: { outcome: 'wouldMigrate', definitionVersion: here, states: check.states, timers: check.timers },
    target,
    rebase: check,
  };
}

/** A case moved onto another version: its new state and the line that records the move. */
export interface MigratedCase {
  definition: AnyProgramDefinition;
  snapshot: AnyMachineSnapshot;
  timers: ResumeState['timers'];
  stepClocks: ClockStarts;
  line: CaseLine;
}

/**
 * Re-bases the case onto the judged target version, keeping its clocks: carried clocks keep their
 * start, a step the new chart adds starts its clock now.
 */
export function migrateCase(
  current: MigratingCase,
  judged: Required<MigrationJudgement>,
  request: MigrationRequest,
  at: string
): MigratedCase {
  const { target, rebase } = judged;
  const fromVersion = current.definition.version;
  const { stateValue: value, context } = rebase.snapshot;
  const snapshot = target.machine.resolveState({ value, context } as never);
  return {
    definition: target,
    snapshot,
    timers: rebase.snapshot.timers,
    stepClocks: advanceStepClocks(rebase.snapshot.stepClocks, snapshot, at),
    line: {
      at,
      event: MIGRATE_DEFINITION_EVENT,
      labelZh: `迁移办理版本：${fromVersion} → ${target.version}`,
      actor: request.actor,
      from: currentStep(current.snapshot),
      to: currentStep(snapshot),
      comment: request.reason,
      details: {
        fromVersion,
        toVersion: target.version,
        plan: migrationPlanFor(fromVersion, target.version)?.labelZh ?? null,
        states: rebase.states,
        timers: rebase.timers,
      },
    },
  };
}
