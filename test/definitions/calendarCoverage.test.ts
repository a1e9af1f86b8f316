import { addWorkingDays, calendarCoverage, calendarFor, weekendOnlyCalendar } from '../../definitions/calendar';
import { runningDeadlines } from '../../definitions/engine/clocks';
import type { AnyProgramDefinition, RulesWithDeadlines } from '../../definitions/shared/programDefinition';

const national = calendarFor('370902');

// A program with one step clock, so the deadline shape can be read without driving a chart.
const definition = {
  runningClocks: () => [],
  deadlineLabelsZh: { countyDecision: '县级审核确认', publicNotice: '公示' },
} as unknown as AnyProgramDefinition;
const rules = {
  deadlines: {
    countyDecision: {
      value: { amount: 10, unit: 'workingDays' },
      source: '最低生活保障审核确认办法 第二十条',
      effectiveFrom: '2021-07-01',
    },
    publicNotice: { value: { amount: 7, unit: 'calendarDays' }, source: '第十九条', effectiveFrom: '2021-07-01' },
  },
} as unknown as RulesWithDeadlines;
const deadlineStarted = (startedAt: string, key = 'countyDecision') =>
  runningDeadlines(definition, rules, '370902', { [key]: startedAt }, {})[0]!;

describe('calendar coverage / saying how firm a working-day date is', () => {
  it('is official inside 2025 and 2026, across the turn of the year too', () => {
    expect(calendarCoverage(national, '2025-12-20', '2026-01-20')).toEqual({
      status: 'official',
      provisionalYears: [],
      missingYears: [],
      noteZh: null,
    });
  });

  it('is provisional when the period reaches 2027, whose arrangement is not published', () => {
    const coverage = calendarCoverage(national, '2026-12-20', '2027-01-20');
    expect(coverage).toMatchObject({ status: 'provisional', provisionalYears: [2027], missingYears: [] });
    expect(coverage.noteZh).toContain('2027年的放假调休安排尚未公布');
  });

  it('falls back to weekends only in a year with no data, and says so', () => {
    // 2028: nothing loaded, so 1 January 2028 (a Saturday) is skipped as a weekend, nothing more.
    expect(addWorkingDays(new Date('2027-12-31T02:00:00Z'), 1, national)).toBe('2028-01-03');
    const coverage = calendarCoverage(national, '2027-12-31', '2028-01-03');
    expect(coverage).toMatchObject({ status: 'weekendsOnly', provisionalYears: [2027], missingYears: [2028] });
    expect(coverage.noteZh).toContain('2028年的节假日安排尚未载入');
  });

  it('reports the weekend-only calendar as having no data at all', () => {
    expect(calendarCoverage(weekendOnlyCalendar, '2025-10-01', '2025-10-10').status).toBe('weekendsOnly');
  });
});

describe('calendar coverage / on a running deadline', () => {
  it('a working-day limit inside 2026 is due on the national calendar and marked official', () => {
    // County decision within 10 wd of Wednesday 2026-09-30: Thu 10/8, Fri 10/9, Sat 10/10 (调休), 10/12–16, 10/19, 10/20
    const deadline = deadlineStarted('2026-09-30T02:00:00.000Z');
    expect(deadline.dueAt).toBe('2026-10-20T15:59:59.999Z');
    expect(deadline.calendar).toMatchObject({ status: 'official', noteZh: null });
  });

  it('a working-day limit running into 2027 is marked provisional, with a note for staff', () => {
    const deadline = deadlineStarted('2026-12-28T02:00:00.000Z');
    expect(deadline.calendar).toMatchObject({ status: 'provisional', provisionalYears: [2027] });
    expect(deadline.calendar?.noteZh).toMatch(/2027年/);
  });

  it('a limit in calendar days carries no calendar status', () => {
    expect(deadlineStarted('2026-12-28T02:00:00.000Z', 'publicNotice').calendar).toBeNull();
  });

  it('runs on loaded calendar years when the case was given them', () => {
    const [deadline] = runningDeadlines(
      definition,
      rules,
      '370902',
      { countyDecision: '2026-09-30T02:00:00.000Z' },
      {},
      []
    );
    // No years at all: weekends only, 10/1–10/7 counted as working days, and flagged.
    expect(deadline?.dueAt).toBe('2026-10-14T15:59:59.999Z');
    expect(deadline?.calendar?.status).toBe('weekendsOnly');
  });
});
