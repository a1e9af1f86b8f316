/**
 * A case counts its working days on the calendar years known when it started: the built-in years
 * with any loaded from CALENDAR_DIR laid over them, carried in the chart's context and kept for the
 * life of the case. Pure: the chart and the clocks, with dates the test chooses.
 */
import type { CalendarYear, CalendarYearInput } from '../../definitions/calendar';
import { calendarYearSchema, knownCalendarYears } from '../../definitions/calendar';
import { dibaoDefinition } from '../../definitions/dibao';
import type { DibaoContext, DibaoInput } from '../../definitions/dibao/chart';
import type { DibaoRules } from '../../definitions/dibao/rules';
import { runningDeadlines } from '../../definitions/engine/clocks';
import { applicationSchema } from '../../definitions/shared/application';
import { DibaoDriver, nationalRules } from '../support/chartDriver';
import { actors, anApplication, homeVisit, testOrgs } from '../support/factories';

const window = actors.window();
const township = actors.township();

/** A year as an administrator's file gives it, checked by the same schema as loadCalendarDir. */
const loadedYear = (year: CalendarYearInput): CalendarYear => calendarYearSchema.parse(year);

// 2026 as published, plus a day the test's county gave off (made up): Thursday 3 December.
const builtIn2026 = knownCalendarYears().find((y) => y.year === 2026)!;
const with3December = loadedYear({
  ...builtIn2026,
  source: { title: '测试用日历：2026年另加12月3日放假', publishedOn: '2026-11-20' },
  holidays: [...builtIn2026.holidays, { name: '测试加放', dates: ['2026-12-03'] }],
});

// An official 2027 arrangement (dates made up): Spring Festival 5–11 February, Saturday 13 February worked.
const official2027 = loadedYear({
  year: 2027,
  source: { title: '国务院办公厅关于2027年部分节假日安排的通知（测试用）', publishedOn: '2026-11-10' },
  holidays: [
    { name: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    {
      name: '春节',
      dates: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
    },
  ],
  adjustedWorkdays: [{ date: '2027-02-13', holiday: '春节' }],
});

// A notice counted in working days, so the calendar decides when it ends (the national one is 7 calendar days).
const rulesWithWorkingDayNotice: DibaoRules = {
  ...nationalRules,
  publicNotice: { ...nationalRules.publicNotice, value: { amount: 5, unit: 'workingDays' } },
};

/** The chart's input as the workflow builds it for a new case. */
function caseInput(calendarYears?: CalendarYear[]): DibaoInput {
  return dibaoDefinition.initialInput({
    caseId: 'DB-379901-calendar',
    orgs: testOrgs,
    rules: rulesWithWorkingDayNotice,
    application: applicationSchema.parse(anApplication()),
    ...(calendarYears ? { calendarYears } : {}),
  }) as DibaoInput;
}

/** Investigated and proposed for approval on Monday 30 November 2026, 09:00 China time. */
function proposed(driver: DibaoDriver): DibaoDriver {
  return driver
    .send('ACCEPT', window)
    .send('RECORD_HOME_VISIT', township, homeVisit)
    .checkCompleted()
    .send('PROPOSE_APPROVAL', township, { opinion: '符合条件' });
}

function noticeEnds(driver: DibaoDriver): string {
  const timer = driver.effects.find((e) => e.kind === 'startTimer');
  if (timer?.kind !== 'startTimer') throw new Error('no notice timer was started');
  return new Date(driver.now.getTime() + timer.delayMs).toISOString();
}

// Five working days after Monday 30 November: 1, 2, 3, 4, 7 December, or 1, 2, 4, 7, 8 without the 3rd.
const END_OF_7_DECEMBER = '2026-12-07T15:59:59.999Z';
const END_OF_8_DECEMBER = '2026-12-08T15:59:59.999Z';

describe('case calendar / the chart counts on the years the case started with', () => {
  it('a notice in working days ends a day later when a loaded year adds a holiday inside it', () => {
    const loaded = proposed(new DibaoDriver(caseInput(knownCalendarYears([with3December]))));
    expect(noticeEnds(loaded)).toBe(END_OF_8_DECEMBER);

    const builtIn = proposed(new DibaoDriver(caseInput(knownCalendarYears())));
    expect(noticeEnds(builtIn)).toBe(END_OF_7_DECEMBER);
  });

  it('a case started before calendar years travelled in its input runs on the built-in years', () => {
    const driver = new DibaoDriver(caseInput());
    expect((driver.snapshot.context as DibaoContext).calendarYears).toBeUndefined();
    expect(noticeEnds(proposed(driver))).toBe(END_OF_7_DECEMBER);
  });

  it('keeps its years as plain data, so a case resumed from a serialised snapshot counts on them still', () => {
    const driver = new DibaoDriver(caseInput(knownCalendarYears([with3December])))
      .send('ACCEPT', window)
      .send('RECORD_HOME_VISIT', township, homeVisit)
      .checkCompleted();
    // What continue-as-new carries: the state value and the context, through JSON.
    const carried = JSON.parse(JSON.stringify({ value: driver.snapshot.value, context: driver.snapshot.context }));
    driver.snapshot = dibaoDefinition.machine.resolveState(carried);
    driver.send('PROPOSE_APPROVAL', township, { opinion: '符合条件' });
    expect(noticeEnds(driver)).toBe(END_OF_8_DECEMBER);
  });
});

describe('case calendar / running deadlines on loaded years', () => {
  const countyDecisionFrom = (startedAt: string, years: CalendarYear[]) =>
    runningDeadlines(
      dibaoDefinition,
      nationalRules,
      testOrgs.county,
      { countyDecision: startedAt },
      { acceptedAt: null },
      years
    )[0]!;

  it('an official year loaded over the provisional one moves the due date and marks it official', () => {
    // Ten working days from Monday 1 February 2027.
    const provisional = countyDecisionFrom('2027-02-01T02:00:00.000Z', knownCalendarYears());
    expect(provisional.dueAt).toBe('2027-02-17T15:59:59.999Z');
    expect(provisional.calendar).toMatchObject({ status: 'provisional', provisionalYears: [2027] });
    expect(provisional.calendar?.noteZh).toContain('2027年的放假调休安排尚未公布');

    // The whole Spring Festival block off, and Saturday 13 February worked.
    const official = countyDecisionFrom('2027-02-01T02:00:00.000Z', knownCalendarYears([official2027]));
    expect(official.dueAt).toBe('2027-02-19T15:59:59.999Z');
    expect(official.calendar).toEqual({ status: 'official', provisionalYears: [], missingYears: [], noteZh: null });
  });

  it('a period reaching a year nobody loaded counts weekends only there, and says so', () => {
    // From Monday 27 December 2027: four days in 2027, then 3–7 and 10 January 2028 on weekends only.
    const deadline = countyDecisionFrom('2027-12-27T02:00:00.000Z', knownCalendarYears([official2027]));
    expect(deadline.dueAt).toBe('2028-01-10T15:59:59.999Z');
    expect(deadline.calendar).toMatchObject({ status: 'weekendsOnly', provisionalYears: [], missingYears: [2028] });
    expect(deadline.calendar?.noteZh).toContain('2028年的节假日安排尚未载入');
  });
});
