/** The calendar view's month grids (web/src/admin/calendarMonths.ts): pure, checked against the clocks' own count. */
import { calendarMonths } from '../../web/src/admin/calendarMonths';
import { calendarFor, countWorkingDaysBetween, nationalCalendarYears } from '../../definitions/calendar';

const year2026 = nationalCalendarYears.find((y) => y.year === 2026)!;

describe('console / working-day calendar grid', () => {
  it('marks 调休 and holidays as the notice sets them, and weekends as weekends', () => {
    const days = calendarMonths(year2026).flatMap((m) => m.weeks.flat());
    const kindOf = (date: string) => days.find((d) => d?.date === date)?.kind;
    expect(kindOf('2026-02-14')).toBe('adjustedWorkday'); // a Saturday worked for 春节
    expect(kindOf('2026-02-16')).toBe('holiday');
    expect(kindOf('2026-12-05')).toBe('weekend');
    expect(kindOf('2026-12-03')).toBe('workday');
  });

  it('lays each month out in weeks from Monday', () => {
    const february = calendarMonths(year2026)[1]!;
    // 1 February 2026 is a Sunday: six empty days before it.
    expect(february.weeks[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(february.weeks[0]![6]?.date).toBe('2026-02-01');
    expect(february.weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('counts the working days the clocks count', () => {
    const total = calendarMonths(year2026).reduce((sum, m) => sum + m.workingDays, 0);
    const onServer = countWorkingDaysBetween(
      new Date('2025-12-31T04:00:00Z'),
      new Date('2026-12-31T04:00:00Z'),
      calendarFor('')
    );
    expect(total).toBe(onServer);
  });
});
