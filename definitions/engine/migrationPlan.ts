/**
 * Live-case migration: moving a running case from one chart version to another (docs/change-safety.md,
 * "Live-case migration"). A plan per version pair says where each old state goes (the same path by
 * default), how the context moves, and what happens to the clocks; `checkMigration` applies it to
 * one case's snapshot and either gives the re-based snapshot or says, in Chinese, why the case must
 * finish on its old version. No I/O: runs inside the workflow sandbox and in the API alike.
 */
import type { AnyProgramDefinition } from '../shared/programDefinition';
import { timerOf, timersAt } from './chartTimers';
import { stateNodeAt } from './stateNodes';

/** A state the plan gives no counterpart: cases there finish on the old version, for this reason. */
export interface NoCounterpart {
  none: string;
}

/** What happens to a running chart timer (a delayed transition) of the old version. */
export type TimerPolicy =
  /** The same absolute due instant (the default): a notice period posted on day 1 still ends on day 8. */
  | 'carry'
  /** A new due instant, computed from the old one and the migrated context (e.g. a shortened period). */
  | { recompute: (args: { dueAt: string; context: unknown; at: string }) => string };

/** What happens to a step's legal clock (a deadline key) of the old version. */
export type ClockPolicy = 'carry' | 'restart' | { renameTo: string };

export interface MigrationPlan {
  from: string;
  to: string;
  /** Why the new version exists, for the audit line and the dry run. */
  labelZh: string;
  /**
   * Old state path (dot-separated, below the machine: 'rejectionNotice', 'objectionReview.choosingMethod')
   * → new path, or no counterpart. The longest listed prefix of a case's path applies; a path with no
   * listed prefix keeps its name (identity).
   */
  states?: Record<string, string | NoCounterpart>;
  /** The old context → the new one (identity when absent): fields renamed, added with a value, dropped. */
  context?: (context: unknown) => unknown;
  /** Running timers by delay name; 'carry' when absent. */
  timers?: Record<string, TimerPolicy>;
  /** Running step clocks by deadline key; 'carry' when absent. Steps the new chart enters newly start at migration. */
  clocks?: Record<string, ClockPolicy>;
}

/** What of a case a migration reads and re-bases (the workflow's own state, as in its ResumeState). */
export interface MigratingSnapshot {
  stateValue: unknown;
  context: unknown;
  timers: Record<string, { eventType: string; dueAt: string }>;
  stepClocks: Record<string, string>;
  rules: unknown;
}

export type MigrationRefusalCode =
  'noPlan' | 'versionMismatch' | 'caseFinished' | 'noMapping' | 'clockNotCarried' | 'rulesIncompatible';

export interface MigrationRefusal {
  ok: false;
  code: MigrationRefusalCode;
  reasonZh: string;
}

export interface TimerMove {
  delay: string;
  fromState: string;
  toState: string;
  dueAtBefore: string;
  dueAt: string;
  policy: 'carry' | 'recompute';
}

export interface MigrationRebase {
  ok: true;
  /** Active state paths before and after, for the dry run and the audit line. */
  states: { from: string[]; to: string[] };
  timers: TimerMove[];
  snapshot: Omit<MigratingSnapshot, 'rules'>;
}

export type MigrationCheck = MigrationRefusal | MigrationRebase;

const refuse = (code: MigrationRefusalCode, reasonZh: string): MigrationRefusal => ({ ok: false, code, reasonZh });

/** The active leaf paths of a state value: 'a' → ['a'], { a: { b: 'c', d: 'e' } } → ['a.b.c', 'a.d.e']. */
export function statePaths(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const below = statePaths(child);
    return below.length === 0 ? [key] : below.map((p) => `${key}.${p}`);
  });
}

/** The inverse of `statePaths`. */
export function stateValueOf(paths: readonly string[]): unknown {
  const build = (segments: readonly string[][]): unknown => {
    if (segments.length === 1 && segments[0]!.length === 1) return segments[0]![0];
    const groups = new Map<string, string[][]>();
    for (const [head, ...tail] of segments) {
      if (head === undefined) continue;
      groups.set(head, [...(groups.get(head) ?? []), ...(tail.length > 0 ? [tail] : [])]);
    }
    return Object.fromEntries(
      [...groups].map(([head, tails]) => [head, tails.length === 0 ? {} : build(tails)] as const)
    );
  };
  return build(paths.map((p) => p.split('.')));
}

/** Where the plan sends one old path: the longest listed prefix wins; none listed keeps the path. */
function mapPath(plan: MigrationPlan, path: string): string | NoCounterpart {
  const segments = path.split('.');
  for (let n = segments.length; n > 0; n -= 1) {
    const prefix = segments.slice(0, n).join('.');
    const target = plan.states?.[prefix];
    if (target === undefined) continue;
    if (typeof target !== 'string') return target;
    return [target, ...segments.slice(n)].join('.');
  }
  return path;
}

/** A path and every path above it: 'a.b.c' → ['a', 'a.b', 'a.b.c']. */
const withAncestors = (path: string): string[] => path.split('.').map((_, i, all) => all.slice(0, i + 1).join('.'));

/**
 * Whether a case can move from `from` to `to` under `plan`, and if so its re-based snapshot.
 * `at` is the migration's instant (clocks the plan restarts start then).
 */
export function checkMigration(
  plan: MigrationPlan,
  from: AnyProgramDefinition,
  to: AnyProgramDefinition,
  snapshot: MigratingSnapshot,
  at: string
): MigrationCheck {
  if (!to.rulesSchema.safeParse(snapshot.rules).success) {
    return refuse(
      'rulesIncompatible',
      `本案件冻结的办理规则不符合 ${to.version} 的规则格式，迁移方案需先说明规则如何换算`
    );
  }
  const fromPaths = statePaths(snapshot.stateValue);
  const toPaths: string[] = [];
  for (const path of fromPaths) {
    const mapped = mapPath(plan, path);
    if (typeof mapped !== 'string') {
      return refuse('noMapping', `案件所处环节「${path}」在 ${to.version} 中没有对应环节：${mapped.none}`);
    }
    if (stateNodeAt(to.machine, mapped) === undefined) {
      return refuse(
        'noMapping',
        `案件所处环节「${path}」对应的「${mapped}」在 ${to.version} 中不存在，请在迁移方案中为它指定新环节`
      );
    }
    toPaths.push(mapped);
  }
  const context = plan.context ? plan.context(snapshot.context) : snapshot.context;

  // Chart timers: each running one must land on the same delay of the mapped state, or the case would
  // lose (or double) a legal period.
  const timers: MigratingSnapshot['timers'] = {};
  const moves: TimerMove[] = [];
  const carried = new Set<string>();
  for (const [id, timer] of Object.entries(snapshot.timers)) {
    const running = timerOf(from.machine, id);
    if (running === undefined) {
      return refuse('clockNotCarried', `案件有一个无法识别的计时（${id}），不能迁移，请在原版本办结`);
    }
    const { delay, statePath: fromState } = running;
    const toState = mapPath(plan, fromState);
    const counterpart =
      typeof toState === 'string' ? timersAt(to.machine, toState).find((t) => t.delay === delay) : undefined;
    if (typeof toState !== 'string' || counterpart === undefined) {
      const label = from.timerLabelsZh[delay] ?? delay;
      return refuse(
        'clockNotCarried',
        `案件正在计时的「${label}」在 ${to.version} 的对应环节中没有同名计时，无法沿用，请在原版本办结`
      );
    }
    const policy = plan.timers?.[delay] ?? 'carry';
    const dueAt = policy === 'carry' ? timer.dueAt : policy.recompute({ dueAt: timer.dueAt, context, at });
    timers[counterpart.eventType] = { eventType: counterpart.eventType, dueAt };
    carried.add(`${toState}:${delay}`);
    moves.push({
      delay,
      fromState,
      toState,
      dueAtBefore: timer.dueAt,
      dueAt,
      policy: policy === 'carry' ? 'carry' : 'recompute',
    });
  }
  // A timer the new chart runs in the case's new state, that the old one never started, has no start to carry.
  for (const state of new Set(toPaths.flatMap(withAncestors))) {
    for (const { delay } of timersAt(to.machine, state)) {
      if (!carried.has(`${state}:${delay}`)) {
        const label = to.timerLabelsZh[delay] ?? delay;
        return refuse(
          'clockNotCarried',
          `${to.version} 在环节「${state}」有计时「${label}」，而案件在原版本中没有这一计时，无法推算起点，请在原版本办结`
        );
      }
    }
  }

  const stepClocks: Record<string, string> = {};
  for (const [key, startedAt] of Object.entries(snapshot.stepClocks)) {
    const policy = plan.clocks?.[key] ?? 'carry';
    if (policy === 'carry') stepClocks[key] = startedAt;
    else if (policy === 'restart') stepClocks[key] = at;
    else stepClocks[policy.renameTo] = startedAt;
  }

  return {
    ok: true,
    states: { from: fromPaths, to: toPaths },
    timers: moves,
    snapshot: { stateValue: stateValueOf(toPaths), context, timers, stepClocks },
  };
}
