/**
 * How far a working-day result can be trusted: whether the calendar behind a period had the State
 * Council's arrangement for every year the period touches, only the provisional statutory days, or
 * nothing at all (then only weekends were skipped). A deadline carries this, so nobody takes a
 * weekends-only date for a legal one. No I/O: runs inside the workflow sandbox.
 */
import type { WorkingCalendar } from './workingDays';

/** The weakest calendar a period ran on: 'weekendsOnly' when a year had no data. */
export type CalendarStatus = 'official' | 'provisional' | 'weekendsOnly';

export interface CalendarCoverage {
  status: CalendarStatus;
  /** Years in the period with statutory days only (no State Council notice yet). */
  provisionalYears: number[];
  /** Years in the period with no calendar data: only weekends were skipped. */
  missingYears: number[];
  /** What staff should know, in Chinese; null when every year is official. */
  noteZh: string | null;
}

function yearsOf(years: number[]): string {
  return years.map((year) => `${year}年`).join('、');
}

/** Coverage of the China dates `from` … `to` ('YYYY-MM-DD', either order). */
export function calendarCoverage(calendar: WorkingCalendar, from: string, to: string): CalendarCoverage {
  const [first, last] = from <= to ? [from, to] : [to, from];
  const provisionalYears: number[] = [];
  const missingYears: number[] = [];
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year += 1) {
    const status = calendar.years?.get(year);
    if (status === 'provisional') provisionalYears.push(year);
    else if (status === undefined) missingYears.push(year);
  }
  const notes: string[] = [];
  if (missingYears.length > 0) {
    notes.push(
      `${yearsOf(missingYears)}的节假日安排尚未载入，该年只按周末计算工作日，期限可能偏早；请管理员载入该年日历。`
    );
  }
  if (provisionalYears.length > 0) {
    notes.push(
      `${yearsOf(provisionalYears)}的放假调休安排尚未公布，暂按法定节假日计算（未含调休），通知公布后期限可能变化。`
    );
  }
  return {
    status: missingYears.length > 0 ? 'weekendsOnly' : provisionalYears.length > 0 ? 'provisional' : 'official',
    provisionalYears,
    missingYears,
    noteZh: notes.length > 0 ? notes.join('') : null,
  };
}
