/**
 * Ongoing management of an approved dibao household (动态管理) [30–33]: scheduled and out-of-cycle
 * re-checks through the same data check, the county's written decision after each, and what it
 * changes in payment from the next period on; phase-out and stop.
 */
import type { DibaoContext } from '../../definitions/dibao/chart';
import { dibaoDefinition } from '../../definitions/dibao';
import { DibaoDriver } from '../support/chartDriver';
import { actors, homeVisit } from '../support/factories';

const window = actors.window();
const township = actors.township();
const county = actors.county();
const RECHECK_TIMER = 'xstate.after.recheckDue.dibao.inPayment.receiving';
const PHASE_OUT_TIMER = 'xstate.after.phaseOutEnd.dibao.inPayment.phasingOut';
const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.dibao.publicNotice';

const ctx = (d: DibaoDriver) => d.snapshot.context as DibaoContext;

/** Approved on 2026-11-30 09:00 China time at 500 yuan a month. */
function approved(input = {}, approval: Record<string, unknown> = {}) {
  return new DibaoDriver(input)
    .send('ACCEPT', window)
    .send('RECORD_HOME_VISIT', township, homeVisit)
    .checkCompleted()
    .send('PROPOSE_APPROVAL', township, { opinion: '符合条件' })
    .fire(NOTICE_TIMER)
    .send('APPROVE', county, { monthlyAmount: 500, ...approval });
}
function reviewing(input = {}) {
  return approved(input).fire(RECHECK_TIMER).checkCompleted({ run: 2, monthlyAmount: 380 });
}

describe('dibao ongoing management / re-check schedule', () => {
  it('schedules a stable household’s re-check a year after approval, an irregular one’s after six months', () => {
    const stable = approved();
    expect(stable.value).toEqual({ inPayment: 'receiving' });
    expect(ctx(stable).ongoing).toMatchObject({
      recheckCycle: 'stable',
      monthlyAmount: 500,
      nextRecheckAt: '2027-11-30T01:00:00.000Z',
    });
    expect(stable.effects).toContainEqual({
      kind: 'startTimer',
      id: expect.stringContaining('recheckDue'),
      eventType: RECHECK_TIMER,
      delayMs: Date.parse('2027-11-30T01:00:00Z') - Date.parse('2026-11-30T01:00:00Z'),
    });
    expect(ctx(approved({ recheckCycle: 'irregular' })).ongoing.nextRecheckAt).toBe('2027-05-30T01:00:00.000Z');
    // The county may set the cycle itself when it approves
    expect(ctx(approved({}, { recheckCycle: 'irregular' })).ongoing.recheckCycle).toBe('irregular');
  });

  it('takes the household’s cycle from its members: anyone in or out of work makes it half-yearly', () => {
    const application = (employment: string[]) =>
      dibaoDefinition.initialInput({
        caseId: 'x',
        orgs: actors.county().org as never,
        rules: ctx(approved()).rules,
        application: { household: { members: employment.map((e) => ({ employment: e })) } } as never,
      }) as { recheckCycle: string };
    expect(application(['retired', 'child']).recheckCycle).toBe('stable');
    expect(application(['unableToWork', 'unemployed']).recheckCycle).toBe('irregular');
    expect(application(['employed']).recheckCycle).toBe('irregular');
  });

  it('a due re-check runs the data check again and waits for the county’s decision', () => {
    const d = approved().fire(RECHECK_TIMER);
    expect(d.value).toEqual({ inPayment: 'rechecking' });
    expect(d.effects).toContainEqual({ kind: 'dataCheck' });
    expect(ctx(d).ongoing.rechecks).toEqual([{ startedAt: d.now.toISOString(), trigger: 'scheduled', decision: null }]);
    d.checkCompleted({ run: 2 });
    expect(d.value).toEqual({ inPayment: 'reviewingRecheck' });
    expect(ctx(d).dataCheck.runs).toHaveLength(2);
  });

  it('a silent required source leaves the re-check incomplete until it is asked again', () => {
    const d = approved()
      .fire(RECHECK_TIMER)
      .checkCompleted({ run: 2, unanswered: [{ sourceId: 'banks', status: 'unavailable', reasonZh: '银行系统超时' }] });
    expect(d.value).toEqual({ inPayment: 'recheckIncomplete' });
    d.send('RERUN_DATA_CHECK', county, { reason: '银行系统已恢复' });
    expect(d.value).toEqual({ inPayment: 'rechecking' });
  });
});

describe('dibao ongoing management / reported changes', () => {
  it('a reported change of income starts a re-check at once', () => {
    const d = approved().send('REPORT_CHANGE', window, { kind: 'income', description: '配偶务工收入增加' });
    expect(d.value).toEqual({ inPayment: 'rechecking' });
    expect(ctx(d).ongoing.changeReports).toHaveLength(1);
    expect(ctx(d).ongoing.rechecks.at(-1)?.trigger).toBe('changeReport');
  });

  it('a reported death brings the re-check forward to within three months, never later than scheduled', () => {
    const d = approved().advance(86_400_000);
    d.send('REPORT_CHANGE', township, { kind: 'memberDied', description: '户主父亲去世' });
    expect(d.value).toEqual({ inPayment: 'receiving' });
    expect(ctx(d).ongoing.nextRecheckAt).toBe('2027-03-01T01:00:00.000Z');
    expect(d.effects).toContainEqual(expect.objectContaining({ kind: 'startTimer', eventType: RECHECK_TIMER }));
  });

  it('a change reported while a re-check runs is recorded for it without starting another', () => {
    const d = approved().fire(RECHECK_TIMER);
    d.send('REPORT_CHANGE', window, { kind: 'address', description: '搬迁至本镇另一村' });
    expect(d.value).toEqual({ inPayment: 'rechecking' });
    expect(d.effects).not.toContainEqual({ kind: 'dataCheck' });
    expect(ctx(d).ongoing.changeReports).toHaveLength(1);
  });

  it('only window and township staff of the case record a change', () => {
    expect(approved().can('REPORT_CHANGE', county, { kind: 'income', description: 'x' })).toBe(false);
    expect(approved().can('REPORT_CHANGE', actors.village(), { kind: 'income', description: 'x' })).toBe(false);
  });
});

describe('dibao ongoing management / decisions after a re-check', () => {
  it('continuing restates the amount from next month and schedules the next re-check', () => {
    const d = reviewing().send('CONTINUE_BENEFIT', county, { ground: '家庭情况无变化' });
    expect(d.value).toEqual({ inPayment: 'receiving' });
    expect(d.effects).toContainEqual({
      kind: 'paymentChange',
      change: expect.objectContaining({ kind: 'amount', monthlyAmount: 500, fromPeriod: '2026-12' }),
    });
    expect(ctx(d).ongoing.rechecks.at(-1)?.decision).toMatchObject({ outcome: 'continue', ground: '家庭情况无变化' });
  });

  it('reducing the amount takes effect from the month after the decision, with a written notice', () => {
    const d = reviewing().advance(40 * 86_400_000); // 2027-01-09
    d.send('CHANGE_BENEFIT_AMOUNT', county, { monthlyAmount: 380, ground: '配偶务工收入增加' });
    expect(ctx(d).ongoing).toMatchObject({ monthlyAmount: 380 });
    expect(ctx(d).ongoing.paymentChange).toMatchObject({
      kind: 'amount',
      monthlyAmount: 380,
      fromPeriod: '2027-02',
      lastPeriod: null,
    });
    expect(d.effects).toEqual(
      expect.arrayContaining([
        { kind: 'paymentChange', change: ctx(d).ongoing.paymentChange },
        { kind: 'notice', notice: 'benefitChanged' },
      ])
    );
    const notice = dibaoDefinition.renderNotice('benefitChanged', ctx(d));
    expect(notice.bodyZh).toContain('由500.00元调整为380.00元，自2027年2月起执行');
    expect(dibaoDefinition.figures(ctx(d)).monthlyAmount).toBe(380);
  });

  it('an amount change must change the amount', () => {
    expect(reviewing().can('CHANGE_BENEFIT_AMOUNT', county, { monthlyAmount: 500, ground: 'x' })).toBe(false);
  });

  it('a phase-out pays on for the configured months, then ends the case by itself', () => {
    const d = reviewing().send('START_PHASE_OUT', county, { ground: '家庭成员就业，收入超过保障标准' });
    expect(d.value).toEqual({ inPayment: 'phasingOut' });
    expect(ctx(d).ongoing.phaseOut?.until).toBe('2027-05-30T01:00:00.000Z');
    expect(ctx(d).ongoing.paymentChange).toMatchObject({
      kind: 'phaseOut',
      monthlyAmount: 500,
      fromPeriod: '2026-12',
      lastPeriod: '2027-05',
    });
    expect(dibaoDefinition.renderNotice('phaseOut', ctx(d)).bodyZh).toContain('发放至2027年5月');
    d.fire(PHASE_OUT_TIMER);
    expect(d.value).toBe('terminated');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'termination' });
    expect(ctx(d).closure?.reasons[0]).toContain('渐退期满');
  });

  it('a change reported during the phase-out checks the household again, and continuing lifts the phase-out', () => {
    const d = reviewing()
      .send('START_PHASE_OUT', county, { ground: '就业' })
      .send('REPORT_CHANGE', window, { kind: 'employment', description: '工作合同终止' });
    expect(d.value).toEqual({ inPayment: 'rechecking' });
    d.checkCompleted({ run: 3 }).send('CONTINUE_BENEFIT', county, { ground: '重新失业，继续保障' });
    expect(ctx(d).ongoing.phaseOut).toBeNull();
    expect(ctx(d).ongoing.paymentChange).toMatchObject({ kind: 'amount', lastPeriod: null });
  });

  it('stopping (TERMINATE) pays the current month and nothing from the next', () => {
    const d = reviewing().send('TERMINATE', county, { reason: '家庭人均收入超过保障标准', fraud: false });
    expect(d.value).toBe('terminated');
    expect(ctx(d).ongoing.paymentChange).toMatchObject({
      kind: 'stop',
      monthlyAmount: null,
      fromPeriod: '2026-12',
      lastPeriod: '2026-11',
    });
    expect(ctx(d).ongoing.rechecks.at(-1)?.decision).toMatchObject({ outcome: 'stop', amountAfter: null });
    expect(d.effects).toEqual(
      expect.arrayContaining([
        { kind: 'paymentChange', change: ctx(d).ongoing.paymentChange },
        { kind: 'notice', notice: 'termination' },
      ])
    );
    expect(dibaoDefinition.renderNotice('termination', ctx(d)).bodyZh).toContain('发放至2026年11月，自次月起停止发放');
  });

  it('only the county of the case decides on a re-check', () => {
    const d = reviewing();
    expect(d.can('CONTINUE_BENEFIT', township, { ground: 'x' })).toBe(false);
    expect(d.can('START_PHASE_OUT', actors.county({ county: '370911' } as never), { ground: 'x' })).toBe(false);
  });
});
