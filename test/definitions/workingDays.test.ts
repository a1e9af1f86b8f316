import { addWorkingDays, computeDueDate, countWorkingDaysBetween, isWorkingDay } from '../../definitions/calendar';
import type { WorkingCalendar } from '../../definitions/calendar';

// A made-up holiday block and an adjusted working Saturday, to show both rules apply.
const calendar: WorkingCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05']),
  adjustedWorkdays: new Set(['2026-10-10']),
};
const none: WorkingCalendar = { holidays: new Set(), adjustedWorkdays: new Set() };

describe('working-day calendar', () => {
  it('skips weekends and holidays and counts adjusted working weekend days', () => {
    expect(isWorkingDay('2026-11-28', none)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-30', none)).toBe(true); // Monday
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true); // a Saturday worked (调休)
  });

  it('counts working days from the day after the start', () => {
    // Friday 2026-11-27 10:00 China time → Mon, Tue, Wed
    expect(addWorkingDays(new Date('2026-11-27T02:00:00Z'), 3, none)).toBe('2026-12-02');
    // Accepted 2026-09-30: Oct 1, 2 holidays, 3–4 weekend, 5 holiday → 6, 7, 8
    expect(addWorkingDays(new Date('2026-09-30T02:00:00Z'), 3, calendar)).toBe('2026-10-08');
  });

  it('uses the China date of an instant, not the UTC date', () => {
    // 2026-11-29T17:00Z is already Monday 2026-11-30 01:00 in China
    expect(addWorkingDays(new Date('2026-11-29T17:00:00Z'), 1, none)).toBe('2026-12-01');
  });

  it('a working-day period ends at the close of its last day in China', () => {
    const due = computeDueDate(new Date('2026-11-27T02:00:00Z'), { amount: 3, unit: 'workingDays' }, none);
    expect(due.toISOString()).toBe('2026-12-02T15:59:59.999Z');
  });

  it('a calendar-day notice gives full days after the posting day', () => {
    const due = computeDueDate(new Date('2026-11-30T07:00:00Z'), { amount: 7, unit: 'calendarDays' }, none);
    expect(due.toISOString()).toBe('2026-12-07T15:59:59.999Z');
  });

  it('second and hour periods are exact', () => {
    const start = new Date('2026-11-30T07:00:00Z');
    expect(computeDueDate(start, { amount: 90, unit: 'seconds' }, none).toISOString()).toBe('2026-11-30T07:01:30.000Z');
    expect(computeDueDate(start, { amount: 48, unit: 'hours' }, none).toISOString()).toBe('2026-12-02T07:00:00.000Z');
  });

  it('counts working days between two instants', () => {
    expect(countWorkingDaysBetween(new Date('2026-09-30T02:00:00Z'), new Date('2026-10-12T02:00:00Z'), calendar)).toBe(
      6 // Oct 6, 7, 8, 9, 10 (adjusted), 12
    );
  });
});

describe('periods in calendar months (re-check cycles, phase-out)', () => {
  it('keeps the China wall-clock time and clamps to the last day of a shorter month', () => {
    // 2027-01-31 09:00 China time
    const start = new Date('2027-01-31T01:00:00Z');
    expect(computeDueDate(start, { amount: 1, unit: 'months' }, none).toISOString()).toBe('2027-02-28T01:00:00.000Z');
    expect(computeDueDate(start, { amount: 13, unit: 'months' }, none).toISOString()).toBe('2028-02-29T01:00:00.000Z');
    expect(computeDueDate(start, { amount: 6, unit: 'months' }, none).toISOString()).toBe('2027-07-31T01:00:00.000Z');
  });

  it('counts the month in China time, not UTC, around midnight', () => {
    // 2026-12-01 01:00 China time is still 30 November in UTC
    const start = new Date('2026-11-30T17:00:00Z');
    expect(computeDueDate(start, { amount: 3, unit: 'months' }, none).toISOString()).toBe('2027-02-28T17:00:00.000Z');
  });
});
