/**
 * A year of the working-day calendar as month grids (weeks from Monday), each day marked as the
 * clocks count it: a statutory holiday (休), a weekend day worked instead (班, 调休), a weekend, or a
 * working day. The same reading as `isWorkingDay` on the server: an adjusted workday wins over a
 * weekend, a holiday over a weekday. Pure.
 */
export type DayKind = 'holiday' | 'adjustedWorkday' | 'weekend' | 'workday';

export interface DayCell {
  date: string;
  day: number;
  kind: DayKind;
  /** The holiday a day off or a worked weekend day belongs to. */
  holiday?: string;
}

export interface MonthGrid {
  month: number;
  /** Weeks Monday to Sunday; null where the day belongs to another month. */
  weeks: (DayCell | null)[][];
  workingDays: number;
}

export interface YearDays {
  year: number;
  holidays: { name: string; dates: string[] }[];
  adjustedWorkdays: { date: string; holiday: string }[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function calendarMonths(calendar: YearDays): MonthGrid[] {
  const holidayOf = new Map<string, string>();
  for (const h of calendar.holidays) for (const date of h.dates) holidayOf.set(date, h.name);
  const workedFor = new Map(calendar.adjustedWorkdays.map((d) => [d.date, d.holiday]));

  return Array.from({ length: 12 }, (_, index) => {
    const month = index + 1;
    const days = new Date(Date.UTC(calendar.year, month, 0)).getUTCDate();
    // Monday = 0 … Sunday = 6.
    const lead = (new Date(Date.UTC(calendar.year, index, 1)).getUTCDay() + 6) % 7;
    const cells: (DayCell | null)[] = Array.from({ length: lead }, () => null);
    let workingDays = 0;
    for (let day = 1; day <= days; day += 1) {
      const date = `${calendar.year}-${pad(month)}-${pad(day)}`;
      const weekday = (lead + day - 1) % 7;
      const worked = workedFor.get(date);
      const off = holidayOf.get(date);
      let cell: DayCell;
      if (worked !== undefined) cell = { date, day, kind: 'adjustedWorkday', holiday: worked };
      else if (off !== undefined) cell = { date, day, kind: 'holiday', holiday: off };
      else cell = { date, day, kind: weekday >= 5 ? 'weekend' : 'workday' };
      if (cell.kind === 'workday' || cell.kind === 'adjustedWorkday') workingDays += 1;
      cells.push(cell);
    }
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
    return { month, weeks, workingDays };
  });
}
