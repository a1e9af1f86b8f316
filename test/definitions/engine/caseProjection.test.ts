/**
 * The engine's pure projections of a case: the opening line, the case view, the read-model row, the
 * audit line and the alarm lines, built from a chart driven the way the workflow drives it.
 */
import { dibaoDefinition } from '../../../definitions/dibao';
import { auditRecord, caseRecord } from '../../../definitions/engine/caseRecords';
import { openCase } from '../../../definitions/engine/caseOpening';
import type { CaseStanding, TimelineEntry } from '../../../definitions/engine/caseView';
import { caseView } from '../../../definitions/engine/caseView';
import { alertLine } from '../../../definitions/engine/clockAlerts';
import type { ClockAlert } from '../../../definitions/engine/clockAlerts';
import type { ClockStarts } from '../../../definitions/engine/clocks';
import { advanceStepClocks, runningDeadlines } from '../../../definitions/engine/clocks';
import { applicationSchema } from '../../../definitions/shared/application';
import type { AnyProgramDefinition } from '../../../definitions/shared/programDefinition';
import { DibaoDriver, nationalRules } from '../../support/chartDriver';
import type { ChartDriver } from '../../support/chartDriver';
import { actors, anApplication, testOrgs } from '../../support/factories';

const window = actors.window();
const at = '2026-11-30T01:00:00.000Z';
const line = (seq: number): TimelineEntry => ({
  seq,
  at,
  event: 'ACCEPT',
  labelZh: '受理',
  actor: window,
  from: 'intake',
  to: 'investigation',
  toLabelZh: '调查核实',
  comment: null,
  details: {},
});

/** Where a driven case stands, its step clocks started when each step was entered on the driver's clock. */
function standingOf(
  driver: ChartDriver,
  clocks: ClockStarts,
  seq = 1,
  definition: AnyProgramDefinition = dibaoDefinition
) {
  const { context } = driver.snapshot;
  const deadlines = runningDeadlines(definition, nationalRules, testOrgs.county, clocks, context);
  const timeline = Array.from({ length: seq + 1 }, (_, i) => line(i));
  return {
    caseId: 'DB-379901-1',
    definition,
    snapshot: driver.snapshot,
    orgs: testOrgs,
    deadlines,
    timeline,
    seq,
    updatedAt: at,
  } satisfies CaseStanding;
}

describe('engine / opening a case', () => {
  it('records the submission as line 0, by whoever filed it, at the chart’s first step', () => {
    const application = applicationSchema.parse(anApplication());
    const opening = openCase(
      dibaoDefinition,
      { caseId: 'DB-379901-1', application, rules: nationalRules, submittedBy: window },
      at
    );
    expect(opening.firstLine).toEqual({
      seq: 0,
      at,
      event: 'SUBMIT',
      labelZh: '提交申请',
      actor: window,
      from: null,
      to: 'intake',
      toLabelZh: '受理：材料审查',
      comment: null,
      details: { channel: 'window', materials: application.materials },
    });
    expect(opening.snapshot.value).toEqual({ intake: 'reviewingMaterials' });
  });
});

describe('engine / case view and read-model row', () => {
  it('a case at intake waits for the window, which may accept; it has no overall due date yet', () => {
    const driver = new DibaoDriver();
    const standing = standingOf(driver, advanceStepClocks({}, driver.snapshot, at), 0);
    const view = caseView(standing, at);
    expect(view).toMatchObject({ status: 'active', step: 'intake', program: 'dibao', definitionVersion: 'dibao@1' });
    expect(view.owners).toEqual([{ role: 'window', org: testOrgs.township, step: 'intake.reviewingMaterials' }]);
    expect(view.allowedEvents.map((e) => e.type)).toContain('ACCEPT');

    const row = caseRecord(standing, view);
    expect(row).toMatchObject({ ownerRole: 'window', ownerOrg: testOrgs.township, overallDueAt: null, version: 0 });
    expect(row.view).toBe(view);
  });

  it('once accepted, the overall due date is the clock dibao names as its overall limit', () => {
    const driver = new DibaoDriver().send('ACCEPT', window);
    const standing = standingOf(driver, advanceStepClocks({}, driver.snapshot, at));
    const overall = standing.deadlines.find((d) => d.key === 'overall');
    expect(overall).toBeDefined();
    const row = caseRecord(standing, caseView(standing, at));
    expect(row.overallDueAt).toBe(overall!.dueAt);
    expect(row.dueAt).toBe(standing.deadlines[0]!.dueAt);
    // The home visit is a task for the township with its own clock's due date; the data check is the engine's.
    expect(row.tasks).toEqual([
      expect.objectContaining({ role: 'township', org: testOrgs.township, dueAt: expect.any(String) }),
    ]);
    expect(row.pendingRoles).toEqual(['township', 'county']);
  });

  it('a program that names no overall clock has no overall due date', () => {
    const driver = new DibaoDriver().send('ACCEPT', window);
    const { overallClocks: _named, ...unnamed } = dibaoDefinition;
    const standing = standingOf(driver, advanceStepClocks({}, driver.snapshot, at), 1, unnamed);
    expect(standing.deadlines.map((d) => d.key)).toContain('overall');
    expect(caseRecord(standing, caseView(standing, at)).overallDueAt).toBeNull();
  });

  it('a finished case is done, closed when its last line was written', () => {
    const driver = new DibaoDriver().send('WITHDRAW', window, { reason: '申请人撤回' });
    const standing = standingOf(driver, {});
    const view = caseView(standing, at);
    expect(view.status).toBe('done');
    expect(view.allowedEvents).toEqual([]);
    expect(caseRecord(standing, view)).toMatchObject({ status: 'done', closedAt: at, tasks: [] });
  });
});

describe('engine / audit line', () => {
  it('carries the timeline line’s actor, states, comment and details under the case id', () => {
    const entry = { ...line(3), comment: '材料齐全', details: { materials: ['idCard'] } };
    expect(auditRecord('DB-379901-1', entry)).toEqual({
      caseId: 'DB-379901-1',
      seq: 3,
      actor: window,
      event: 'ACCEPT',
      fromState: 'intake',
      toState: 'investigation',
      comment: '材料齐全',
      payload: { materials: ['idCard'] },
      occurredAt: at,
    });
  });
});

describe('engine / clock alarm lines', () => {
  const driver = new DibaoDriver().send('ACCEPT', window);
  const standing = standingOf(driver, advanceStepClocks({}, driver.snapshot, at));
  const homeVisitClock = standing.deadlines.find((d) => d.key !== 'overall')!;
  const alarm = (kind: ClockAlert['kind']): ClockAlert => ({ id: `x:${kind}`, kind, at, deadline: homeVisitClock });

  it('a reminder goes to whoever the clock’s step waits for, and nobody else', () => {
    const { event, details } = alertLine(alarm('reminder'), driver.snapshot, testOrgs);
    expect(event).toBe('DEADLINE_REMINDER');
    expect(details.notify).toEqual([{ role: 'township', org: testOrgs.township }]);
  });

  it('an escalation also goes to the supervisor of the case’s county, and names the clock and its source', () => {
    const { event, labelZh, details } = alertLine(alarm('overdue'), driver.snapshot, testOrgs);
    expect(event).toBe('DEADLINE_ESCALATED');
    expect(labelZh).toContain(homeVisitClock.labelZh);
    expect(details).toMatchObject({ deadline: homeVisitClock.key, source: homeVisitClock.source });
    expect(details.notify).toEqual([
      { role: 'township', org: testOrgs.township },
      { role: 'supervisor', org: testOrgs.county },
    ]);
  });
});
