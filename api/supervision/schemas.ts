/**
 * Query shapes of the supervisor views, and the pure arithmetic behind them (the end of a
 * "due within" window, the instants of a reporting period). Also the source of their OpenAPI text.
 */
import { z } from 'zod';
import type { SupervisionStats } from '../../db/supervisionQueries';
import type { WorkingCalendar } from '../../definitions/calendar';
import type { StepLimit } from '../../definitions/engine/stepLimits';
import { chinaDate, computeDueDate } from '../../definitions/calendar';
import { orgCodeSchema, townshipCodeSchema } from '../../definitions/shared/actors';
import { isoDateSchema } from '../../definitions/shared/rulesConfig';
import { singleLine } from '../../definitions/shared/text';
import { cursorFields, cursorParamSchema, keysetPaging, pageLimitSchema } from '../http/paging';

const days = (label: string) => z.coerce.number().int(`${label}应为整数天数`).min(0).max(3650);

/** Filters shared by the overdue and due-soon lists. */
export const dueListFields = z.object({
  /** Narrow to an org under the caller's own (defaults to the caller's org). */
  org: orgCodeSchema.optional(),
  program: singleLine().min(1).max(32).optional(),
  step: singleLine().min(1).max(64).optional(),
  township: townshipCodeSchema.optional(),
  /** Age filters: whole days since submission (or acceptance, with `ageFrom=accepted`). */
  minAgeDays: days('minAgeDays').optional(),
  maxAgeDays: days('maxAgeDays').optional(),
  ageFrom: z.enum(['submitted', 'accepted']).default('submitted'),
  groupBy: z.enum(['step', 'township', 'program', 'age']).optional(),
  limit: pageLimitSchema,
  cursor: cursorParamSchema.optional(),
});
const ageRangeOrdered = {
  check: (q: { minAgeDays?: number; maxAgeDays?: number }) =>
    q.minAgeDays === undefined || q.maxAgeDays === undefined || q.minAgeDays <= q.maxAgeDays,
  params: { path: ['maxAgeDays'], message: 'maxAgeDays 不能小于 minAgeDays' },
};
export const overdueQuerySchema = dueListFields.refine(ageRangeOrdered.check, ageRangeOrdered.params);
export type DueListQuery = z.infer<typeof dueListFields>;

/**
 * `within`: `48` or `48h` (hours), or `3wd` (working days on the national calendar, which every
 * county follows). Default 3 working days, the shortest step limit of the dibao procedure.
 */
export const withinSchema = z
  .string()
  .regex(/^\d{1,4}(h|wd)?$/, 'within 应为小时数（如 48 或 48h）或工作日数（如 3wd）')
  .default('3wd')
  .transform((raw) => {
    const amount = Number.parseInt(raw, 10);
    return raw.endsWith('wd') ? { amount, unit: 'workingDays' as const } : { amount, unit: 'hours' as const };
  })
  .refine((w) => w.amount >= 1 && (w.unit === 'hours' ? w.amount <= 24 * 90 : w.amount <= 60), {
    message: 'within 应在 1 小时至 90 天（或 1 至 60 个工作日）之间',
  });
export const dueSoonQuerySchema = dueListFields
  .extend({ within: withinSchema })
  .refine(ageRangeOrdered.check, ageRangeOrdered.params);
export type DueSoonQuery = z.infer<typeof dueSoonQuerySchema>;

/** The last instant of a due-soon window that opens now: a case due exactly then is in the window. */
export function dueSoonUntil(now: Date, within: z.output<typeof withinSchema>, calendar: WorkingCalendar): Date {
  return computeDueDate(now, within, calendar);
}

export const dueCursorSchema = z.object({ dueAt: cursorFields.instant, id: cursorFields.textId });
export const duePaging = keysetPaging(dueCursorSchema);

const MAX_PERIOD_DAYS = 366;
const DEFAULT_PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;
const CHINA_OFFSET = '+08:00';

/** Dates are China calendar dates, both inclusive: the cases submitted on `from` … `to`. */
export const statsQuerySchema = z
  .object({
    org: orgCodeSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期',
  })
  .refine((q) => q.from === undefined || q.to === undefined || daysBetween(q.from, q.to) < MAX_PERIOD_DAYS, {
    path: ['to'],
    message: `统计区间不能超过 ${MAX_PERIOD_DAYS} 天`,
  });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The period a stats query covers: the dates asked for, defaulting to the 30 days up to today, and
 * the instants [start, end) at China midnight that submitted_at is compared with.
 */
export function statsPeriod(query: Pick<StatsQuery, 'from' | 'to'>, now: Date) {
  const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_PERIOD_DAYS - 1) : chinaDate(now));
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  return {
    from,
    to,
    start: new Date(`${from}T00:00:00${CHINA_OFFSET}`).toISOString(),
    end: new Date(`${addDays(to, 1)}T00:00:00${CHINA_OFFSET}`).toISOString(),
  };
}

/** Share with three decimals; null when nothing was decided, so 0 % is never reported for no data. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/** Each program's name and its steps' names and legal limits, read from the charts. */
export type StatsPrograms = Record<
  string,
  { labelZh: string; steps: Record<string, { labelZh: string; limits: StepLimit[] }> }
>;

/**
 * The statistics answer: the period's counts, each step's durations next to its legal limits, and
 * the share decided within the limit overall, per county and per township. Program and step names
 * go with the keys, so a reader needs no chart to label them.
 */
export function statsAnswer(
  org: string,
  period: { from: string; to: string },
  stats: SupervisionStats,
  programs: StatsPrograms
) {
  const outcome = <T extends { decided: number; decidedWithinLimit: number }>(o: T) => ({
    ...o,
    withinLimitShare: share(o.decidedWithinLimit, o.decided),
  });
  const named = <T extends { program: string; step: string }>(row: T) => {
    const program = programs[row.program];
    const step = program?.steps[row.step];
    return { ...row, programLabelZh: program?.labelZh ?? row.program, stepLabelZh: step?.labelZh ?? row.step };
  };
  const decided = stats.byCounty.reduce((n, c) => n + c.decided, 0);
  const within = stats.byCounty.reduce((n, c) => n + c.decidedWithinLimit, 0);
  return {
    org,
    period: { from: period.from, to: period.to, basis: 'submittedAt' as const },
    byState: stats.byState.map(named),
    steps: stats.steps.map((s) => ({ ...named(s), limits: programs[s.program]?.steps[s.step]?.limits ?? [] })),
    overall: { decided, decidedWithinLimit: within, withinLimitShare: share(within, decided) },
    byCounty: stats.byCounty.map(outcome),
    byTownship: stats.byTownship.map(outcome),
  };
}
export type StatsAnswer = ReturnType<typeof statsAnswer>;
