/**
 * The migration plan as a pure function: where each old state goes, what happens to running timers
 * and step clocks, and why a case must stay on its version. On the suite's staged dibao@2
 * (test/support/stagedVersions.ts: rejectionNotice renamed, a noticeResult step added).
 */
import { dibaoDefinition } from '../../definitions/dibao';
import type { MigratingSnapshot, MigrationPlan } from '../../definitions/engine/migrationPlan';
import { checkMigration, statePaths, stateValueOf } from '../../definitions/engine/migrationPlan';
import { definitionForVersion, migrationPlanFor } from '../../definitions';
import { testRules } from '../support/chartDriver';
import { DIBAO_V2, dibaoV1toV2, dibaoV2Definition } from '../support/stagedVersions';

const AT = '2026-12-03T08:00:00.000Z';
const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.dibao.publicNotice';

function snapshotIn(stateValue: unknown, extra: Partial<MigratingSnapshot> = {}): MigratingSnapshot {
  return { stateValue, context: { caseId: 'DB-379901-x' }, timers: {}, stepClocks: {}, rules: testRules, ...extra };
}

const check = (snapshot: MigratingSnapshot, plan: MigrationPlan = dibaoV1toV2) =>
  checkMigration(plan, dibaoDefinition, dibaoV2Definition, snapshot, AT);

describe('state values as paths', () => {
  it('round-trips a parallel state through its leaf paths', () => {
    const value = { investigation: { homeVisit: 'pending', dataCheck: 'running' } };
    expect(statePaths(value)).toEqual(['investigation.homeVisit.pending', 'investigation.dataCheck.running']);
    expect(stateValueOf(statePaths(value))).toEqual(value);
    expect(stateValueOf(['rejectionNotice'])).toBe('rejectionNotice');
  });
});

describe('the staged dibao@1 → dibao@2 plan', () => {
  it('is registered beside dibao@1, which new cases still start on', () => {
    expect(definitionForVersion(DIBAO_V2)).toBe(dibaoV2Definition);
    expect(definitionForVersion('dibao@1')).toBe(dibaoDefinition);
    expect(migrationPlanFor('dibao@1', DIBAO_V2)).toBe(dibaoV1toV2);
    expect(migrationPlanFor(DIBAO_V2, 'dibao@1')).toBeUndefined();
  });

  it('keeps a running public notice on the same absolute due instant, and adds the new context field', () => {
    const dueAt = '2026-12-10T15:59:59.999Z';
    const result = check(
      snapshotIn('publicNotice', { timers: { [NOTICE_TIMER]: { eventType: NOTICE_TIMER, dueAt } } })
    );
    expect(result).toMatchObject({
      ok: true,
      states: { from: ['publicNotice'], to: ['publicNotice'] },
      timers: [{ delay: 'publicNoticePeriod', dueAtBefore: dueAt, dueAt, policy: 'carry' }],
      snapshot: {
        stateValue: 'publicNotice',
        timers: { [NOTICE_TIMER]: { eventType: NOTICE_TIMER, dueAt } },
        context: { caseId: 'DB-379901-x', noticeResult: null },
      },
    });
  });

  it('moves a renamed state and carries its step clock', () => {
    const result = check(
      snapshotIn('rejectionNotice', { stepClocks: { rejectionNotice: '2026-12-01T01:00:00.000Z' } })
    );
    expect(result).toMatchObject({
      ok: true,
      states: { to: ['rejectionDelivery'] },
      snapshot: { stateValue: 'rejectionDelivery', stepClocks: { rejectionNotice: '2026-12-01T01:00:00.000Z' } },
    });
  });

  it('keeps a nested state of an unchanged region by name', () => {
    const value = { investigation: { homeVisit: 'pending', dataCheck: 'completed' } };
    expect(check(snapshotIn(value))).toMatchObject({ ok: true, snapshot: { stateValue: value } });
  });

  it('refuses a state the plan gives no counterpart, with the plan’s reason', () => {
    expect(check(snapshotIn({ objectionReview: 'choosingMethod' }))).toEqual({
      ok: false,
      code: 'noMapping',
      reasonZh: expect.stringContaining('异议处理中的案件请在原版本办结') as string,
    });
  });

  it('refuses a state that maps to nothing in the new chart', () => {
    const plan: MigrationPlan = { ...dibaoV1toV2, states: { rejectionNotice: 'nowhere' } };
    expect(check(snapshotIn('rejectionNotice'), plan)).toMatchObject({ ok: false, code: 'noMapping' });
  });
});

describe('clocks a plan cannot carry', () => {
  it('refuses a running timer the mapped state does not run', () => {
    const plan: MigrationPlan = { ...dibaoV1toV2, states: { publicNotice: 'noticeResult' } };
    const timers = { [NOTICE_TIMER]: { eventType: NOTICE_TIMER, dueAt: AT } };
    expect(check(snapshotIn('publicNotice', { timers }), plan)).toEqual({
      ok: false,
      code: 'clockNotCarried',
      reasonZh: expect.stringContaining('公示期满') as string,
    });
  });

  it('refuses a state whose new timer has no start in the old case', () => {
    const plan: MigrationPlan = { ...dibaoV1toV2, states: { noticeResult: 'publicNotice' } };
    // A made-up old case in a state only the new chart has, to reach a timer with nothing to carry.
    expect(check(snapshotIn('noticeResult'), plan)).toMatchObject({ ok: false, code: 'clockNotCarried' });
  });

  it('recomputes a timer where the plan says so, and restarts or renames step clocks', () => {
    const plan: MigrationPlan = {
      ...dibaoV1toV2,
      timers: {
        publicNoticePeriod: { recompute: ({ dueAt }) => new Date(Date.parse(dueAt) - 3600_000).toISOString() },
      },
      clocks: { countyDecision: 'restart', rejectionNotice: { renameTo: 'countyDecision' } },
    };
    const timers = { [NOTICE_TIMER]: { eventType: NOTICE_TIMER, dueAt: '2026-12-10T16:00:00.000Z' } };
    const result = check(snapshotIn('publicNotice', { timers, stepClocks: { rejectionNotice: AT } }), plan);
    expect(result).toMatchObject({
      ok: true,
      timers: [{ dueAt: '2026-12-10T15:00:00.000Z', policy: 'recompute' }],
      snapshot: { stepClocks: { countyDecision: AT } },
    });
  });

  it('refuses rules the new version cannot read', () => {
    expect(check(snapshotIn('publicNotice', { rules: {} }))).toMatchObject({ ok: false, code: 'rulesIncompatible' });
  });
});
