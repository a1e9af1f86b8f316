/**
 * Calendar years loaded from CALENDAR_DIR on the real stack: a case started after the API loaded a
 * year counts its legal clocks on it, a case started before keeps the calendar it started with, and
 * every working-day deadline says how firm its calendar is.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCalendarDir } from '../../config/calendarFile';
import type { CalendarYear, CalendarYearInput, WorkingCalendar } from '../../definitions/calendar';
import {
  calendarCoverage,
  calendarFor,
  chinaDate,
  computeDueDate,
  isWorkingDay,
  knownCalendarYears,
} from '../../definitions/calendar';
import { applicationSchema } from '../../definitions/shared/application';
import type { CaseCommands } from '../../api/applications/commands';
import type { CaseView } from '../../workflows/contract';
import { actors, anApplication, TEST_COUNTY } from '../support/factories';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

let stack: Stack;
let dir: string;
/** A working weekday within the next three working days, which the loaded calendar gives off. */
let extraDay: string;
/** The years as the API loads them from the folder at start-up. */
let loaded: CalendarYear[];

beforeAll(async () => {
  stack = await openStack('case-calendar');
  await stack.startWorker();
  // The administrator files this year's and next year's arrangement, with one more day off soon.
  dir = mkdtempSync(join(tmpdir(), 'yilian-calendar-'));
  extraDay = nextWeekdayAtWork();
  const thisYear = Number(chinaDate(new Date()).slice(0, 4));
  for (const year of [thisYear, thisYear + 1]) {
    const file = officialYearFile(year, extraDay.startsWith(`${year}-`) ? extraDay : undefined);
    writeFileSync(join(dir, `cn-${year}.json`), JSON.stringify(file, null, 2));
  }
  loaded = loadCalendarDir(dir);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await stack?.close();
});

const window = actors.window();

async function acceptedCase(commands: CaseCommands): Promise<CaseView> {
  const { view } = await commands.startApplication(applicationSchema.parse(anApplication()), window, undefined);
  return commands.submitEvent(view.id, { type: 'ACCEPT', actor: window, payload: {} });
}

const DAY_MS = 24 * 3600_000;

/** The first Monday-to-Friday working day after today (China time) on the built-in calendar. */
function nextWeekdayAtWork(): string {
  const builtIn = calendarFor(TEST_COUNTY);
  for (let at = Date.now() + DAY_MS; ; at += DAY_MS) {
    const day = chinaDate(new Date(at));
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && isWorkingDay(day, builtIn)) return day;
  }
}

/**
 * The official arrangement for `year` as an administrator would file it: the built-in year's days
 * (or New Year's Day alone for a year the code does not ship), plus `extraDay` off when given.
 */
function officialYearFile(year: number, extraDay?: string): CalendarYearInput {
  const builtIn = knownCalendarYears().find((y) => y.year === year);
  const holidays = [...(builtIn?.holidays ?? [])];
  if (extraDay !== undefined) holidays.push({ name: '测试加放', dates: [extraDay] });
  if (holidays.length === 0) holidays.push({ name: '元旦', dates: [`${year}-01-01`] });
  return {
    year,
    source: { title: `测试用日历：${year}年放假安排`, publishedOn: `${year - 1}-11-10` },
    holidays,
    adjustedWorkdays: builtIn?.adjustedWorkdays ?? [],
  };
}

const deadline = (view: CaseView, key: string) => {
  const found = view.deadlines.find((d) => d.key === key);
  if (!found) throw new Error(`no running ${key} deadline in ${view.deadlines.map((d) => d.key).join(', ')}`);
  return found;
};

/** The due date a 3-working-day investigation start has on `calendar`, from when it started. */
const investigationDueOn = (startedAt: string, calendar: WorkingCalendar) =>
  computeDueDate(new Date(startedAt), { amount: 3, unit: 'workingDays' }, calendar).toISOString();

describe('case workflow / calendar years loaded from CALENDAR_DIR', () => {
  it('counts a case’s clocks on the years loaded before it started, and leaves earlier cases on theirs', async () => {
    // One case through an API that started before the files were filed, one through an API restarted since.
    const before = await acceptedCase(stack.commands);
    const after = await acceptedCase(stack.commandsWith({ calendarYears: loaded }));

    const builtIn = calendarFor(TEST_COUNTY);
    const withLoaded = calendarFor(TEST_COUNTY, knownCalendarYears(loaded));
    expect(isWorkingDay(extraDay, withLoaded)).toBe(false);
    const { startedAt, dueAt } = deadline(after, 'investigationStart');
    expect(dueAt).toBe(investigationDueOn(startedAt, withLoaded));
    expect(dueAt > investigationDueOn(startedAt, builtIn)).toBe(true);
    const { rows } = await stack.pool.query('SELECT due_at FROM cases WHERE id = $1', [after.id]);
    expect((rows[0].due_at as Date).toISOString()).toBe(dueAt);

    const beforeNow = deadline(await stack.commands.readCase(before.id), 'investigationStart');
    expect(beforeNow.dueAt).toBe(investigationDueOn(beforeNow.startedAt, builtIn));
  });

  it('shows on every working-day deadline how firm its calendar is: official on loaded official years', async () => {
    const view = await acceptedCase(stack.commandsWith({ calendarYears: loaded }));
    const calendar = calendarFor(TEST_COUNTY, knownCalendarYears(loaded));

    expect(view.deadlines.map((d) => d.key)).toEqual(expect.arrayContaining(['investigationStart', 'overall']));
    for (const d of view.deadlines) {
      expect(d.limit.unit).toBe('workingDays');
      const period = [chinaDate(new Date(d.startedAt)), chinaDate(new Date(d.dueAt))] as const;
      expect(d.calendar).toEqual(calendarCoverage(calendar, ...period));
    }
    // This year and next are loaded as official, and no clock of a new case runs beyond them.
    expect(deadline(view, 'overall').calendar).toEqual({
      status: 'official',
      provisionalYears: [],
      missingYears: [],
      noteZh: null,
    });
  });
});
