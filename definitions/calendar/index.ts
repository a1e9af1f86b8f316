/**
 * The working calendars the engine knows. Only weekends are built in for now: statutory holidays
 * and 调休 days are loaded as data per year (see the clocks work), never computed.
 * No I/O: runs inside the workflow sandbox.
 */
import type { WorkingCalendar } from './workingDays';

export const weekendOnlyCalendar: WorkingCalendar = {
  holidays: new Set<string>(),
  adjustedWorkdays: new Set<string>(),
};

export { addWorkingDays, chinaDate, computeDueDate, countWorkingDaysBetween, isWorkingDay } from './workingDays';
export type { WorkingCalendar } from './workingDays';

/**
 * The calendar a county's clocks run on. Every county follows the national calendar; the hook is
 * here so a county's own working-day adjustments can be added as data later.
 */
export function calendarFor(_county: string): WorkingCalendar {
  return weekendOnlyCalendar;
}
