import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarFileInvalid, loadCalendarDir } from '../../config/calendarFile';
import type { CalendarYearInput } from '../../definitions/calendar';
import { calendarFor, isWorkingDay, knownCalendarYears } from '../../definitions/calendar';

// What an administrator writes for a year the code does not ship (dates made up for the test).
const year2028 = (): CalendarYearInput => ({
  year: 2028,
  source: {
    title: '国务院办公厅关于2028年部分节假日安排的通知',
    documentNumber: '国办发明电〔2027〕1号',
    publishedOn: '2027-11-10',
  },
  holidays: [
    { name: '元旦', dates: ['2028-01-01', '2028-01-02', '2028-01-03'] },
    { name: '春节', dates: ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-29'] },
  ],
  adjustedWorkdays: [{ date: '2028-01-22', holiday: '春节' }],
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yilian-calendar-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: unknown) =>
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));

/** The error loadCalendarDir throws, for assertions on its fields. */
function loadError(): CalendarFileInvalid {
  try {
    loadCalendarDir(dir);
  } catch (error) {
    if (error instanceof CalendarFileInvalid) return error;
    throw error;
  }
  throw new Error('expected the calendar folder to be refused');
}

describe('calendar file / an administrator loads next year', () => {
  it('loads no years when CALENDAR_DIR is not set', () => {
    expect(loadCalendarDir(undefined)).toEqual([]);
  });

  it('loads each JSON file as a year, which then counts in working days', () => {
    write('cn-2028.json', year2028());
    write('README.txt', 'not a calendar');
    const loaded = loadCalendarDir(dir);
    expect(loaded.map((y) => [y.year, y.provisional])).toEqual([[2028, false]]);

    const calendar = calendarFor('370902', knownCalendarYears(loaded));
    expect(isWorkingDay('2028-01-22', calendar)).toBe(true); // Saturday worked (调休)
    expect(isWorkingDay('2028-01-26', calendar)).toBe(false);
    expect(isWorkingDay('2025-10-01', calendar)).toBe(false); // the built-in years are still there
  });

  it('refuses a date that is not a date, naming the file and the field path', () => {
    const bad = year2028();
    bad.holidays[1]!.dates[2] = '2028-02-30';
    write('cn-2028.json', bad);
    const error = loadError();
    expect(error.file).toBe(join(dir, 'cn-2028.json'));
    expect(error.issues).toEqual([{ path: 'holidays.1.dates.2', message: '日期格式应为 YYYY-MM-DD' }]);
    expect(error.message).toContain('cn-2028.json');
    expect(error.message).toContain('[holidays.1.dates.2]');
  });

  it('refuses a 调休 working day that is not a weekend day', () => {
    const bad = year2028();
    bad.adjustedWorkdays = [{ date: '2028-01-24', holiday: '春节' }];
    write('cn-2028.json', bad);
    expect(loadError().issues).toEqual([
      { path: 'adjustedWorkdays.0.date', message: '调休上班日 2028-01-24 是周一，应为周六或周日' },
    ]);
  });

  it('refuses a file without its source document', () => {
    const { source: _source, ...bad } = year2028();
    write('cn-2028.json', bad);
    expect(loadError().issues.map((issue) => issue.path)).toEqual(['source']);
  });

  it('refuses a 调休 day for a holiday the year does not list', () => {
    write('cn-2028.json', { ...year2028(), adjustedWorkdays: [{ date: '2028-01-22', holiday: '国庆' }] });
    expect(loadError().issues).toEqual([
      { path: 'adjustedWorkdays.0.holiday', message: '“国庆”不是本年 holidays 中的节日名称' },
    ]);
  });

  it('refuses 调休 days in a provisional year', () => {
    write('cn-2028.json', { ...year2028(), provisional: true });
    expect(loadError().issues).toEqual([
      {
        path: 'adjustedWorkdays',
        message: '暂定日历（provisional）不能有调休上班日：调休只能来自国务院办公厅的放假安排通知',
      },
    ]);
  });

  it('refuses a file that is not JSON, and the same year in two files', () => {
    write('cn-2028.json', '{ "year": 2028,');
    expect(loadError().issues[0]?.message).toMatch(/JSON/);

    write('cn-2028.json', year2028());
    write('cn-2028-fixed.json', year2028());
    const error = loadError();
    expect(error.file).toBe(join(dir, 'cn-2028.json'));
    expect(error.issues[0]).toMatchObject({ path: 'year' });
    expect(error.issues[0]?.message).toContain('cn-2028-fixed.json');
  });

  it('says which folder it could not read', () => {
    const missing = join(dir, 'nope');
    expect(() => loadCalendarDir(missing)).toThrow(`CALENDAR_DIR ${missing} cannot be read`);
    mkdirSync(missing);
    expect(loadCalendarDir(missing)).toEqual([]);
  });
});
