/**
 * Working-day arithmetic on the China Standard Time calendar (UTC+8, no daylight saving).
 * A working day is Monday–Friday unless it is a statutory holiday, plus any weekend day the State
 * Council has declared a working day (调休). Calendars are data; this module only counts.
 * No I/O: runs inside the workflow sandbox, so it must not read the clock itself.
 */
import type { Duration } from '../shared/durations';

export interface WorkingCalendar {
  /** Statutory holidays, 'YYYY-MM-DD' in China time. */
  holidays: ReadonlySet<string>;
  /** Weekend days declared working days (调休), 'YYYY-MM-DD'. */
  adjustedWorkdays: ReadonlySet<string>;
  /**
   * The years the calendar has data for, and how firm it is. In a year not listed only weekends are
   * skipped; `calendarCoverage` reports that instead of letting it pass as a real calendar.
   * Absent on hand-made calendars (tests).
   */
  years?: ReadonlyMap<number, CalendarYearStatus>;
}

/** 'official': from a State Council notice; 'provisional': statutory days only, no 调休 yet. */
export type CalendarYearStatus = 'official' | 'provisional';

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The calendar date in China of an instant, as 'YYYY-MM-DD'. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.adjustedWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nextDate(date: string): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
}

/** The last instant (23:59:59.999 China time) of a China calendar date. */
function endOfChinaDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS - 1 - CHINA_OFFSET_MS);
}

/**
 * The date `count` working days after the day of `start`, in China time. The start day itself does
 * not count, as "within 3 working days of acceptance" is read in practice, so the result is always
 * a working day; a fractional count is rounded up, and a count of 0 or less gives the start date.
 */
export function addWorkingDays(start: Date, count: number, calendar: WorkingCalendar): string {
  let date = chinaDate(start);
  let remaining = Math.ceil(count);
  while (remaining > 0) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) remaining -= 1;
  }
  return date;
}

/**
 * The working days after `from`'s date up to and including `to`'s date (China dates): exclusive of
 * the start, inclusive of the end, the same reading as `addWorkingDays`, so
 * `countWorkingDaysBetween(s, <the day addWorkingDays(s, n)>) === n`. 0 when `to` falls on or before
 * `from`'s date.
 */
export function countWorkingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let date = chinaDate(from);
  const last = chinaDate(to);
  let count = 0;
  while (date < last) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) count += 1;
  }
  return count;
}

/**
 * The countdown the work lists, the case page and the referral inbox show: working days from `now`
 * to `due`, 0 when due today, negative when overdue (the working days since it fell due).
 */
export function workingDaysLeft(now: Date, due: Date, calendar: WorkingCalendar): number {
  return due.getTime() >= now.getTime()
    ? countWorkingDaysBetween(now, due, calendar)
    : -countWorkingDaysBetween(due, now, calendar);
}

/**
 * When a period that starts at `start` runs out. Day-based periods end at the close of their last
 * day, counted from the day after the start, so a notice posted at 15:00 still gets seven full days.
 */
export function computeDueDate(start: Date, duration: Duration, calendar: WorkingCalendar): Date {
  switch (duration.unit) {
    case 'seconds':
      return new Date(start.getTime() + duration.amount * 1000);
    case 'hours':
      return new Date(start.getTime() + duration.amount * 3600_000);
    case 'calendarDays': {
      const last = new Date(new Date(`${chinaDate(start)}T00:00:00Z`).getTime() + Math.ceil(duration.amount) * DAY_MS);
      return endOfChinaDay(last.toISOString().slice(0, 10));
    }
    case 'months':
      return addChinaMonths(start, duration.amount);
    case 'workingDays':
      return endOfChinaDay(addWorkingDays(start, duration.amount, calendar));
  }
}

/**
 * The same China wall-clock time `months` calendar months later (earlier when negative); a day the
 * target month lacks becomes its last day (31 January + 1 month = 28 or 29 February).
 */
export function addChinaMonths(start: Date, months: number): Date {
  const local = new Date(start.getTime() + CHINA_OFFSET_MS);
  const target = local.getUTCMonth() + Math.trunc(months);
  const lastDay = new Date(Date.UTC(local.getUTCFullYear(), target + 1, 0)).getUTCDate();
  local.setUTCDate(1);
  local.setUTCMonth(target);
  local.setUTCDate(Math.min(new Date(start.getTime() + CHINA_OFFSET_MS).getUTCDate(), lastDay));
  return new Date(local.getTime() - CHINA_OFFSET_MS);
}

/**
 * The instant a period's reminder falls due: `lead` before `dueAt`. Working days count back whole
 * working days, so a lead of one working day is the start (00:00 China time) of the due day, two
 * is the start of the working day before it, and so on.
 */
export function leadTime(dueAt: Date, lead: Duration, calendar: WorkingCalendar): Date {
  switch (lead.unit) {
    case 'seconds':
      return new Date(dueAt.getTime() - lead.amount * 1000);
    case 'hours':
      return new Date(dueAt.getTime() - lead.amount * 3600_000);
    case 'calendarDays':
      return new Date(dueAt.getTime() - Math.ceil(lead.amount) * DAY_MS);
    case 'months':
      return addChinaMonths(dueAt, -lead.amount);
    case 'workingDays': {
      let date = chinaDate(dueAt);
      let remaining = Math.ceil(lead.amount) - 1;
      while (remaining > 0) {
        date = new Date(new Date(`${date}T00:00:00Z`).getTime() - DAY_MS).toISOString().slice(0, 10);
        if (isWorkingDay(date, calendar)) remaining -= 1;
      }
      return new Date(new Date(`${date}T00:00:00Z`).getTime() - CHINA_OFFSET_MS);
    }
  }
}
