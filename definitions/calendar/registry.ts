/**
 * The calendar years the engine knows and the working calendar built from them. The national years
 * ship with the code (`data/`); years an administrator loads from CALENDAR_DIR are merged over them
 * on the I/O side and handed to the workflow as data, so a case's clocks never depend on a file
 * read inside the sandbox. No I/O: runs inside the workflow sandbox.
 */
import type { CalendarYear } from './calendarYear';
import { cn2025 } from './data/cn-2025';
import { cn2026 } from './data/cn-2026';
import { cn2027 } from './data/cn-2027';
import type { CalendarYearStatus, WorkingCalendar } from './workingDays';

/** The national calendars shipped with this version, by year. */
export const nationalCalendarYears: readonly CalendarYear[] = [cn2025, cn2026, cn2027];

/** No holidays, no 调休, no years known: only weekends are skipped, and coverage says so. */
export const weekendOnlyCalendar: WorkingCalendar = {
  holidays: new Set<string>(),
  adjustedWorkdays: new Set<string>(),
  years: new Map<number, CalendarYearStatus>(),
};

/**
 * `base` with `overrides` laid over it year by year: a loaded year replaces the built-in one of the
 * same year (the official 2027 arrangement replaces the provisional one). Sorted by year.
 */
export function mergeCalendarYears(base: readonly CalendarYear[], overrides: readonly CalendarYear[]): CalendarYear[] {
  const byYear = new Map<number, CalendarYear>();
  for (const year of [...base, ...overrides]) byYear.set(year.year, year);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The national years with the administrator's loaded years laid over them. */
export function knownCalendarYears(loaded: readonly CalendarYear[] = []): CalendarYear[] {
  return mergeCalendarYears(nationalCalendarYears, loaded);
}

export function workingCalendarOf(years: readonly CalendarYear[]): WorkingCalendar {
  const holidays = new Set<string>();
  const adjustedWorkdays = new Set<string>();
  const known = new Map<number, CalendarYearStatus>();
  for (const year of years) {
    for (const holiday of year.holidays) for (const date of holiday.dates) holidays.add(date);
    for (const workday of year.adjustedWorkdays) adjustedWorkdays.add(workday.date);
    known.set(year.year, year.provisional ? 'provisional' : 'official');
  }
  return { holidays, adjustedWorkdays, years: known };
}

// A workflow asks for its calendar on every transition; build it once per list of years.
const built = new WeakMap<readonly CalendarYear[], WorkingCalendar>();

/**
 * The calendar a county's clocks run on: the national one, from `years` (default: the years shipped
 * with the code). Counties follow the national calendar; the county is taken so a county's own
 * adjustments can be added as data later without changing the callers.
 */
export function calendarFor(_county: string, years: readonly CalendarYear[] = nationalCalendarYears): WorkingCalendar {
  let calendar = built.get(years);
  if (!calendar) {
    calendar = workingCalendarOf(years);
    built.set(years, calendar);
  }
  return calendar;
}
