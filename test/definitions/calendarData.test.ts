import type { CalendarYear } from '../../definitions/calendar';
import {
  calendarCoverage,
  calendarFor,
  calendarYearSchema,
  isWorkingDay,
  knownCalendarYears,
  nationalCalendarYears,
} from '../../definitions/calendar';

const byYear = (year: number): CalendarYear => {
  const found = nationalCalendarYears.find((y) => y.year === year);
  if (!found) throw new Error(`no built-in calendar for ${year}`);
  return found;
};
const daysOff = (year: number) => Object.fromEntries(byYear(year).holidays.map((h) => [h.name, h.dates.length]));
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('calendar data / the years shipped with the code', () => {
  it.each(nationalCalendarYears.map((y) => [y.year, y] as const))(
    '%i passes the same schema as a loaded file',
    (_, y) => {
      expect(calendarYearSchema.safeParse(y).error?.issues).toBeUndefined();
    }
  );

  it('2025 follows 国办发明电〔2024〕12号: the blocks have the lengths the notice gives', () => {
    expect(byYear(2025).source.documentNumber).toBe('国办发明电〔2024〕12号');
    expect(daysOff(2025)).toEqual({ 元旦: 1, 春节: 8, 清明节: 3, 劳动节: 5, 端午节: 3, '国庆节、中秋节': 8 });
    expect(byYear(2025).adjustedWorkdays.map((d) => d.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
  });

  it('2026 follows 国办发明电〔2025〕7号 of 4 November 2025', () => {
    expect(byYear(2026).source).toMatchObject({ documentNumber: '国办发明电〔2025〕7号', publishedOn: '2025-11-04' });
    expect(daysOff(2026)).toEqual({ 元旦: 3, 春节: 9, 清明节: 3, 劳动节: 5, 端午节: 3, 中秋节: 3, 国庆节: 7 });
    expect(byYear(2026).adjustedWorkdays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('every holiday block is a run of consecutive days', () => {
    for (const year of nationalCalendarYears) {
      for (const holiday of year.holidays) {
        const gaps = holiday.dates.slice(1).map((d, i) => (Date.parse(d) - Date.parse(holiday.dates[i]!)) / 86_400_000);
        expect({ year: year.year, holiday: holiday.name, gaps: gaps.filter((g) => g !== 1) }).toEqual({
          year: year.year,
          holiday: holiday.name,
          gaps: [],
        });
      }
    }
  });
});

describe('calendar data / 2027 until the State Council publishes it', () => {
  const calendar2027 = byYear(2027);

  it('is provisional, with the 13 statutory days of the 2024 放假办法 and no 调休', () => {
    expect(calendar2027.provisional).toBe(true);
    expect(calendar2027.adjustedWorkdays).toEqual([]);
    expect(calendar2027.holidays.flatMap((h) => h.dates)).toHaveLength(13);
  });

  it('puts the Spring Festival on Saturday 6 February (除夕 Friday 5 February), per China time', () => {
    expect(calendar2027.holidays.find((h) => h.name === '春节')?.dates).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
    expect(weekday('2027-02-06')).toBe(6);
    expect(isWorkingDay('2027-02-05', calendarFor('370902'))).toBe(false);
    expect(isWorkingDay('2027-02-09', calendarFor('370902'))).toBe(true);
  });

  it('has 清明 5 April, 端午 9 June and 中秋 15 September', () => {
    expect(daysOff(2027)).toEqual({ 元旦: 1, 春节: 4, 清明节: 1, 劳动节: 2, 端午节: 1, 中秋节: 1, 国庆节: 3 });
    const single = (name: string) => calendar2027.holidays.find((h) => h.name === name)?.dates;
    expect([single('清明节'), single('端午节'), single('中秋节')]).toEqual([
      ['2027-04-05'],
      ['2027-06-09'],
      ['2027-09-15'],
    ]);
  });

  it('is replaced whole when the official 2027 year is loaded', () => {
    const official2027: CalendarYear = {
      ...calendar2027,
      provisional: false,
      source: { title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', publishedOn: '2026-11-10' },
      holidays: [{ name: '春节', dates: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'] }],
      adjustedWorkdays: [{ date: '2027-02-20', holiday: '春节' }],
    };
    const years = knownCalendarYears([official2027]);
    expect(years.map((y) => [y.year, y.provisional])).toEqual([
      [2025, false],
      [2026, false],
      [2027, false],
    ]);
    const calendar = calendarFor('370902', years);
    expect(isWorkingDay('2027-02-09', calendar)).toBe(false);
    expect(isWorkingDay('2027-02-20', calendar)).toBe(true);
    expect(isWorkingDay('2027-10-01', calendar)).toBe(true); // the provisional National Day is gone with its year
    expect(calendarCoverage(calendar, '2027-02-01', '2027-03-01').status).toBe('official');
  });
});
