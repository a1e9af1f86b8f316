/**
 * The supervision views' arithmetic and wording, pure so it is tested without a browser: counts per
 * county from the township groups, a stuck case's problem in words, a step's limits as text, and
 * bulk actions run one by one with a result per item.
 */
import type { DueGroup, StatsAnswer, StepLimit, StuckProblem } from '../api/types';
import { formatDateTime, unitZh } from '../format';

/** A county's code is the first six digits of its townships' codes. */
export const countyOf = (township: string): string => township.slice(0, 6);

/** One row per township with its overdue and due-soon counts, and the same per county. */
export interface DueCounts {
  org: string;
  overdue: number;
  dueSoon: number;
}

/** Overdue and due-soon counts per township (the API's `groupBy=township` groups), and per county. */
export function dueCounts(overdue: readonly DueGroup[], dueSoon: readonly DueGroup[]) {
  const townships = new Map<string, DueCounts>();
  const row = (org: string) => townships.get(org) ?? { org, overdue: 0, dueSoon: 0 };
  for (const g of overdue) townships.set(g.key, { ...row(g.key), overdue: g.count });
  for (const g of dueSoon) townships.set(g.key, { ...row(g.key), dueSoon: g.count });
  const counties = new Map<string, DueCounts>();
  for (const t of townships.values()) {
    const key = countyOf(t.org);
    const c = counties.get(key) ?? { org: key, overdue: 0, dueSoon: 0 };
    counties.set(key, { org: key, overdue: c.overdue + t.overdue, dueSoon: c.dueSoon + t.dueSoon });
  }
  const byCode = (a: DueCounts, b: DueCounts) => a.org.localeCompare(b.org);
  return { townships: [...townships.values()].sort(byCode), counties: [...counties.values()].sort(byCode) };
}

/** Cases per program: how many in each status (active, done, …), from the per-state counts. */
export function countsPerProgram(byState: StatsAnswer['byState']) {
  const programs = new Map<string, { program: string; labelZh: string; active: number; done: number }>();
  for (const s of byState) {
    const p = programs.get(s.program) ?? { program: s.program, labelZh: s.programLabelZh, active: 0, done: 0 };
    if (s.status === 'active') p.active += s.count;
    else p.done += s.count;
    programs.set(s.program, p);
  }
  return [...programs.values()];
}

/** A step's legal limits as written: 「10个工作日」, several joined with 、. */
export function limitText(limits: readonly StepLimit[]): string {
  return limits.length === 0 ? '无法定时限' : limits.map((l) => `${l.amount}${unitZh(l.unit)}`).join('、');
}

/** Hours with one decimal, or days once they are long: 5.2小时, 3.5天. */
export function hoursText(hours: number): string {
  return hours >= 48 ? `${(Math.round((hours / 24) * 10) / 10).toFixed(1)}天` : `${hours.toFixed(1)}小时`;
}

export interface ProblemWords {
  cause: string;
  attempts: string;
  lastError: string;
  at: string;
}

/** A stuck case's problem as the supervisor reads it: what fails, how often, the last error and when. */
export function problemWords(problem: StuckProblem): ProblemWords {
  switch (problem.kind) {
    case 'activityRetrying':
      return {
        cause: `环节反复失败重试（${problem.activityType}）`,
        attempts: `第${problem.attempt}次`,
        lastError: problem.lastFailure?.message ?? '—',
        at: `下次重试：${formatDateTime(problem.nextAttemptAt)}`,
      };
    case 'workflowTaskFailing':
      return {
        cause: `流程代码执行失败（${problem.cause ?? '原因未知'}）`,
        attempts: `第${problem.attempt}次`,
        lastError: problem.message ?? '—',
        at: formatDateTime(problem.failedAt),
      };
    case 'writeRefused':
      return {
        cause: `数据库拒绝写入（${problem.activityType}，SQLSTATE ${problem.sqlState} ${problem.condition}）`,
        attempts: '已暂停，待修复后重试',
        lastError: problem.message,
        at: formatDateTime(problem.failedAt),
      };
  }
}

export interface ItemResult {
  id: string;
  ok: boolean;
  message: string;
}

/**
 * Runs `action` on each id in turn — one at a time, so a bulk action loads Temporal no more than a
 * person clicking through the list would — and reports each item's outcome; one failure does not
 * stop the rest.
 */
export async function runEach(
  ids: readonly string[],
  action: (id: string) => Promise<string>,
  failed: (error: unknown) => string,
  progress?: (results: ItemResult[]) => void
): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for (const id of ids) {
    try {
      results.push({ id, ok: true, message: await action(id) });
    } catch (error) {
      results.push({ id, ok: false, message: failed(error) });
    }
    progress?.([...results]);
  }
  return results;
}
