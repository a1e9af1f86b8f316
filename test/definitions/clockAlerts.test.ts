/**
 * Reminders before a legal limit falls due and escalations when it passes, computed on the
 * working-day calendar; and the supervisor's one-time extension of the overall limit.
 */
import { calendarFor, leadTime } from '../../definitions/calendar';
import { dibaoDefinition } from '../../definitions/dibao';
import { clockAlerts } from '../../definitions/engine/clockAlerts';
import type { Deadline } from '../../definitions/engine/clocks';
import { runningDeadlines } from '../../definitions/engine/clocks';
import { DibaoDriver, nationalRules } from '../support/chartDriver';
import { actors, testOrgs } from '../support/factories';

const calendar = calendarFor('370902');
const workingDays = (amount: number) => ({ amount, unit: 'workingDays' as const });

describe('leadTime', () => {
  it('counts whole working days back from the due day, in China time', () => {
    // Due at the end of Wednesday 2026-12-02 (China time).
    const due = new Date('2026-12-02T15:59:59.999Z');
    expect(leadTime(due, workingDays(1), calendar).toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(leadTime(due, workingDays(2), calendar).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // Due Monday 2026-12-07: two working days back is Friday 2026-12-04, over the weekend.
    expect(leadTime(new Date('2026-12-07T15:59:59.999Z'), workingDays(2), calendar).toISOString()).toBe(
      '2026-12-03T16:00:00.000Z'
    );
  });

  it('skips the National Day holiday and counts the 调休 Saturday', () => {
    // Due Monday 2026-10-12; the working days before it are Saturday 10-10 (调休) and Friday 10-09.
    const due = new Date('2026-10-12T15:59:59.999Z');
    expect(leadTime(due, workingDays(2), calendar).toISOString()).toBe('2026-10-09T16:00:00.000Z');
    expect(leadTime(due, workingDays(3), calendar).toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(leadTime(due, workingDays(4), calendar).toISOString()).toBe('2026-10-07T16:00:00.000Z');
    // 10-01 … 10-07 are holidays: the working day before Thursday 10-08 is 09-30.
    expect(leadTime(due, workingDays(5), calendar).toISOString()).toBe('2026-09-29T16:00:00.000Z');
  });
});

describe('clockAlerts', () => {
  const deadline = (startedAt: string, dueAt: string): Deadline => ({
    key: 'investigationStart',
    labelZh: '受理后启动入户调查',
    startedAt,
    dueAt,
    source: '第十五条',
    limit: workingDays(3),
    calendar: null,
  });

  it('reminds one working day before the due date and escalates at it', () => {
    const alerts = clockAlerts(
      [deadline('2026-11-30T02:00:00.000Z', '2026-12-03T15:59:59.999Z')],
      workingDays(1),
      calendar
    );
    expect(alerts.map((a) => [a.kind, a.at])).toEqual([
      ['reminder', '2026-12-02T16:00:00.000Z'],
      ['overdue', '2026-12-03T15:59:59.999Z'],
    ]);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(2);
  });

  it('gives no reminder when the lead is as long as the period, but still escalates', () => {
    const alerts = clockAlerts(
      [deadline('2026-12-03T01:00:00.000Z', '2026-12-03T15:59:59.999Z')],
      workingDays(1),
      calendar
    );
    expect(alerts.map((a) => a.kind)).toEqual(['overdue']);
  });
});

describe('extending the overall limit (30 → 45 working days)', () => {
  const supervisor = actors.supervisor();
  const reason = nationalRules.extensionReasons.value[1]!;
  const overall = (d: DibaoDriver) =>
    runningDeadlines(dibaoDefinition, nationalRules, testOrgs.county, {}, d.snapshot.context).find((x) =>
      x.key.startsWith('overall')
    );

  it('a supervisor extends once, for an allowed reason, while the clock runs', () => {
    const d = new DibaoDriver();
    expect(d.can('EXTEND_TIME_LIMIT', supervisor, { reason, explanation: '户主长期在外务工' })).toBe(false);
    d.send('ACCEPT', actors.window());
    const before = overall(d);
    expect(before).toMatchObject({ key: 'overall', limit: workingDays(30) });

    expect(d.can('EXTEND_TIME_LIMIT', actors.township(), { reason, explanation: 'x' })).toBe(false);
    d.send('EXTEND_TIME_LIMIT', supervisor, { reason, explanation: '户主长期在外务工' });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
    const after = overall(d);
    expect(after).toMatchObject({ key: 'overallExtended', limit: workingDays(45), startedAt: before?.startedAt });
    expect(Date.parse(after!.dueAt)).toBeGreaterThan(Date.parse(before!.dueAt));
    expect(d.can('EXTEND_TIME_LIMIT', supervisor, { reason, explanation: '再次延长' })).toBe(false);
  });

  it('only a reason from the configured list is accepted', () => {
    const schema = dibaoDefinition.eventPayloads(nationalRules).EXTEND_TIME_LIMIT!;
    expect(schema.safeParse({ reason, explanation: '在外地居住' }).success).toBe(true);
    const wrong = schema.safeParse({ reason: '工作太忙', explanation: 'x' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.message).toContain('延长原因须为以下之一');
  });
});
