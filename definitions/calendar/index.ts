/**
 * Working-day calendars: the yearly data (statutory holidays and 调休 from the State Council's
 * notices), the registry that turns years into a calendar, and the arithmetic on it.
 * No I/O: runs inside the workflow sandbox.
 */
export {
  addWorkingDays,
  chinaDate,
  computeDueDate,
  countWorkingDaysBetween,
  isWorkingDay,
  leadTime,
  workingDaysLeft,
} from './workingDays';
export type { CalendarYearStatus, WorkingCalendar } from './workingDays';
export { calendarYearSchema } from './calendarYear';
export type { CalendarYear, CalendarYearInput } from './calendarYear';
export {
  calendarFor,
  knownCalendarYears,
  mergeCalendarYears,
  nationalCalendarYears,
  weekendOnlyCalendar,
  workingCalendarOf,
} from './registry';
export { calendarCoverage } from './coverage';
export type { CalendarCoverage, CalendarStatus } from './coverage';
