/**
 * The SQL-free parts of the supervisor views: what `within` means, the period a stats query covers,
 * which legal limits each dibao step carries, and how an org narrows the cases.
 */
import { dueSoonQuerySchema, dueSoonUntil, share, statsPeriod, statsQuerySchema } from '../../api/supervision/schemas';
import { orgCondition, statsOrgCondition } from '../../db/supervisionQueries';
import { calendarFor } from '../../definitions/calendar';
import { dibaoConfigEntries } from '../../definitions/dibao/config';
import { dibaoMachine } from '../../definitions/dibao/chart';
import type { DibaoRules } from '../../definitions/dibao/rules';
import { dibaoRulesSchema } from '../../definitions/dibao/rules';
import { stepLimits } from '../../definitions/engine/stepLimits';
import { resolveRules } from '../../definitions/shared/rulesConfig';

describe('supervision / due-soon window', () => {
  it('reads a bare number or "h" as hours and "wd" as working days, 3 working days by default', () => {
    expect(dueSoonQuerySchema.parse({ within: '48' }).within).toEqual({ amount: 48, unit: 'hours' });
    expect(dueSoonQuerySchema.parse({ within: '12h' }).within).toEqual({ amount: 12, unit: 'hours' });
    expect(dueSoonQuerySchema.parse({ within: '5wd' }).within).toEqual({ amount: 5, unit: 'workingDays' });
    expect(dueSoonQuerySchema.parse({}).within).toEqual({ amount: 3, unit: 'workingDays' });
  });

  it('refuses a window of zero, one beyond 60 working days, and other units', () => {
    for (const within of ['0', '61wd', '3d', 'soon']) {
      expect(dueSoonQuerySchema.safeParse({ within }).success).toBe(false);
    }
  });

  it('counts working days on the calendar: Friday evening + 1 wd ends on Monday, not Saturday', () => {
    const fridayEvening = new Date('2026-11-27T10:00:00Z'); // 18:00 in China
    const until = dueSoonUntil(fridayEvening, { amount: 1, unit: 'workingDays' }, calendarFor('370902'));
    expect(until.getTime()).toBeGreaterThan(new Date('2026-11-29T16:00:00Z').getTime());
    const hours = dueSoonUntil(fridayEvening, { amount: 2, unit: 'hours' }, calendarFor('370902'));
    expect(hours.toISOString()).toBe('2026-11-27T12:00:00.000Z');
  });
});

describe('supervision / stats period', () => {
  it('covers the 30 China dates up to today by default, as instants at China midnight', () => {
    const period = statsPeriod({}, new Date('2026-11-29T17:00:00Z')); // 30 Nov 01:00 in China
    expect(period).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      start: '2026-10-31T16:00:00.000Z',
      end: '2026-11-30T16:00:00.000Z',
    });
  });

  it('includes both the from and the to date', () => {
    const period = statsPeriod({ from: '2026-01-01', to: '2026-01-01' }, new Date());
    expect([period.start, period.end]).toEqual(['2025-12-31T16:00:00.000Z', '2026-01-01T16:00:00.000Z']);
  });

  it('refuses a period that ends before it starts or runs longer than a year', () => {
    expect(statsQuerySchema.safeParse({ from: '2026-02-01', to: '2026-01-01' }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ from: '2025-01-01', to: '2026-06-01' }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ from: '2025-06-01', to: '2026-05-31' }).success).toBe(true);
  });

  it('reports no share rather than 0 % when nothing was decided', () => {
    expect(share(0, 0)).toBeNull();
    expect(share(2, 3)).toBe(0.667);
  });
});

describe('supervision / step limits from the chart', () => {
  it('gives each dibao step the limits its states declare, with their sources', () => {
    const rules = resolveRules<DibaoRules>(dibaoConfigEntries, dibaoRulesSchema, 'dibao', '370902', '2026-11-29');
    const limits = stepLimits(dibaoMachine, rules);
    expect(limits.intake).toEqual([]);
    expect(limits.investigation?.map((l) => l.key)).toEqual(['investigationStart', 'dataCheck']);
    expect(limits.countyReview).toEqual([
      { key: 'countyDecision', amount: 10, unit: 'workingDays', source: expect.stringContaining('第二十条') },
    ]);
    expect(limits.rejectionNotice?.[0]).toMatchObject({ key: 'rejectionNotice', amount: 3 });
    // While paid, a re-check runs the data check again and waits for the county's decision [31, 32]
    expect(limits.inPayment?.map((l) => l.key)).toEqual(['dataCheck', 'countyDecision']);
  });
});

describe('supervision / org scope', () => {
  it('narrows by the column of the org’s level, and by county-code prefix above a county', () => {
    expect(orgCondition('370902001001', '$1')).toContain('c.village_code = $1');
    expect(orgCondition('370902001', '$1')).toBe('c.township_code = $1');
    expect(orgCondition('370902', '$1')).toBe('c.county_code = $1');
    expect(orgCondition('3709', '$1')).toBe(`c.county_code LIKE $1 || '%'`);
  });

  it('names the county too in statistics below a county, so the period is read from the county index', () => {
    expect(statsOrgCondition('370902001', '$1')).toBe('c.county_code = left($1, 6) AND c.township_code = $1');
    expect(statsOrgCondition('370902', '$1')).toBe('c.county_code = $1');
  });
});
