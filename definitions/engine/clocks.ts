/**
 * Legal clocks of a case: which are running, when each started and when it falls due. A step's
 * clock starts when the step is entered and stops when it is left; program-wide clocks (the overall
 * limit) come from the definition. No I/O: runs inside the workflow sandbox.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { CalendarCoverage, CalendarYear } from '../calendar';
import { calendarCoverage, calendarFor, chinaDate, computeDueDate, nationalCalendarYears } from '../calendar';
import type { AnyProgramDefinition, RulesWithDeadlines } from '../shared/programDefinition';
import { activeStepClocks } from './snapshotReading';

/** Clock key → ISO instant the clock started. */
export type ClockStarts = Record<string, string>;

/** Keeps clocks of steps still active, starts those of steps just entered. */
export function advanceStepClocks(previous: ClockStarts, snapshot: AnyMachineSnapshot, at: string): ClockStarts {
  const next: ClockStarts = {};
  for (const { key } of activeStepClocks(snapshot)) next[key] = previous[key] ?? at;
  return next;
}

export interface Deadline {
  key: string;
  labelZh: string;
  startedAt: string;
  dueAt: string;
  /** The legal source of the limit. */
  source: string;
  limit: { amount: number; unit: string };
  /**
   * For a limit in working days: whether the calendar had the official arrangement for every year
   * the period touches, or only provisional statutory days, or nothing (weekends only), with a note
   * for staff. Null for limits in calendar days, hours or seconds, which no calendar changes.
   */
  calendar: CalendarCoverage | null;
}

export function runningDeadlines(
  definition: AnyProgramDefinition,
  rules: RulesWithDeadlines,
  county: string,
  stepClocks: ClockStarts,
  context: unknown,
  calendarYears: readonly CalendarYear[] = nationalCalendarYears
): Deadline[] {
  const clocks = [
    ...Object.entries(stepClocks).map(([key, startedAt]) => ({ key, startedAt })),
    ...definition.runningClocks(context),
  ];
  const calendar = calendarFor(county, calendarYears);
  return clocks
    .filter(({ key }) => rules.deadlines[key] !== undefined)
    .map(({ key, startedAt }) => {
      const rule = rules.deadlines[key]!;
      const dueAt = computeDueDate(new Date(startedAt), rule.value, calendar);
      return {
        key,
        labelZh: definition.deadlineLabelsZh[key] ?? key,
        startedAt,
        dueAt: dueAt.toISOString(),
        source: rule.source,
        limit: rule.value,
        calendar:
          rule.value.unit === 'workingDays'
            ? calendarCoverage(calendar, chinaDate(new Date(startedAt)), chinaDate(dueAt))
            : null,
      };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
