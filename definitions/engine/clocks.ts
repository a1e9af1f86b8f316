/**
 * Legal clocks of a case: which are running, when each started and when it falls due. A step's
 * clock starts when the step is entered and stops when it is left; program-wide clocks (the overall
 * limit) come from the definition. No I/O: runs inside the workflow sandbox.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { calendarFor, computeDueDate } from '../calendar';
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
}

export function runningDeadlines(
  definition: AnyProgramDefinition,
  rules: RulesWithDeadlines,
  county: string,
  stepClocks: ClockStarts,
  context: unknown
): Deadline[] {
  const clocks = [
    ...Object.entries(stepClocks).map(([key, startedAt]) => ({ key, startedAt })),
    ...definition.runningClocks(context),
  ];
  const calendar = calendarFor(county);
  return clocks
    .filter(({ key }) => rules.deadlines[key] !== undefined)
    .map(({ key, startedAt }) => {
      const rule = rules.deadlines[key]!;
      return {
        key,
        labelZh: definition.deadlineLabelsZh[key] ?? key,
        startedAt,
        dueAt: computeDueDate(new Date(startedAt), rule.value, calendar).toISOString(),
        source: rule.source,
        limit: rule.value,
      };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
