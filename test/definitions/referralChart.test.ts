/**
 * The referral chart (转办/转介): sent → signed for by the department → outcome reported; returned
 * by the department or withdrawn by the sender on the way; only a department of the referral's kind
 * and county acts on it, and each step runs its own clock.
 */
import { activeStepClocks, allowedEvents, openTasks } from '../../definitions/engine/snapshotReading';
import { referralDefinition } from '../../definitions/referral';
import type { ReferralContext } from '../../definitions/referral/context';
import { referralIntakeSchema } from '../../definitions/referral/intake';
import type { ReferralRules } from '../../definitions/referral/rules';
import { resolveRules } from '../../definitions/shared/rulesConfig';
import { ChartDriver } from '../support/chartDriver';
import { actors, residentIds, TEST_COUNTY, testConfigEntries, testOrgs } from '../support/factories';

const intake = referralIntakeSchema.parse({
  department: 'medical',
  orgs: testOrgs,
  reason: '家中老人长期患病，需医疗救助',
  applicant: { name: '张三', idNumber: residentIds.applicant, address: '泰山区某街道某村1号' },
});
const orgs = intake.orgs;
const rules: ReferralRules = resolveRules(
  [...referralDefinition.configEntries, ...testConfigEntries()],
  referralDefinition.rulesSchema,
  'referral',
  TEST_COUNTY,
  '2026-11-29'
);
const driver = () =>
  new ChartDriver(
    referralDefinition,
    referralDefinition.initialInput({ caseId: 'ZJ-379901-test', orgs, rules, application: intake })
  );

const medical = actors.department('medical');
const housing = actors.department('housing');
const medicalElsewhere = { ...medical, org: '379902' };
const township = actors.township();
const window = actors.window();
const county = actors.county();

const ctx = (d: ChartDriver) => d.snapshot.context as ReferralContext;
const allowed = (d: ChartDriver) =>
  Object.fromEntries(
    allowedEvents(referralDefinition, d.snapshot, orgs, d.now.toISOString()).map((e) => [e.type, e.roles])
  );
const outcome = { outcome: 'helped', text: '已纳入医疗救助，报销住院费用' };

describe('referral chart / sent (待签收)', () => {
  it('waits for the department it was sent to, on the acknowledgement clock', () => {
    const d = driver();
    expect(d.value).toBe('sent');
    expect(openTasks(d.snapshot, orgs)).toMatchObject([
      { role: 'department', org: TEST_COUNTY, deadline: 'acknowledge' },
    ]);
    expect(activeStepClocks(d.snapshot)).toEqual([{ key: 'acknowledge', step: 'sent' }]);
    expect(allowed(d)).toEqual({
      ACKNOWLEDGE: ['department'],
      RETURN: ['department'],
      WITHDRAW: ['window', 'township'],
    });
  });

  it('the acknowledgement and outcome limits are working days with their sources, to be confirmed', () => {
    const national = resolveRules(
      referralDefinition.configEntries,
      referralDefinition.rulesSchema,
      'referral',
      '370902',
      '2026-11-29'
    );
    expect(national.deadlines.acknowledge.value).toEqual({ amount: 3, unit: 'workingDays' });
    expect(national.deadlines.outcome.value).toEqual({ amount: 15, unit: 'workingDays' });
    expect(national.deadlines.acknowledge.source).toContain('待县级民政部门');
  });

  it('is signed for by a department of its kind in its county only', () => {
    const d = driver();
    expect(d.can('ACKNOWLEDGE', housing)).toBe(false);
    expect(d.can('ACKNOWLEDGE', medicalElsewhere)).toBe(false);
    expect(d.can('ACKNOWLEDGE', { ...medical, department: undefined })).toBe(false);
    expect(d.can('ACKNOWLEDGE', township)).toBe(false);
    expect(d.can('ACKNOWLEDGE', county)).toBe(false);
    d.send('ACKNOWLEDGE', medical, { handler: '王医生' });
    expect(d.value).toBe('acknowledged');
    expect(ctx(d).acknowledged).toMatchObject({ handler: '王医生', by: medical });
  });

  it('cannot report an outcome before it is signed for', () => {
    expect(driver().can('REPORT_OUTCOME', medical, outcome)).toBe(false);
  });

  it('is returned to the township by its department with a reason', () => {
    expect(driver().can('RETURN', housing, { reason: 'x' })).toBe(false);
    const d = driver().send('RETURN', medical, { reason: '不属于医疗救助范围，应转住房部门' });
    expect(d.value).toBe('returned');
    expect(d.snapshot.status).toBe('done');
    expect(ctx(d).returned?.reason).toBe('不属于医疗救助范围，应转住房部门');
  });

  it('is withdrawn by the sending township or its window, not by the department', () => {
    expect(driver().can('WITHDRAW', medical, { reason: 'x' })).toBe(false);
    expect(driver().can('WITHDRAW', { ...township, org: `${TEST_COUNTY}002` }, { reason: 'x' })).toBe(false);
    expect(driver().send('WITHDRAW', window, { reason: '误转' }).value).toBe('withdrawn');
    const d = driver().send('WITHDRAW', township, { reason: '需求已由乡镇解决' });
    expect(d.value).toBe('withdrawn');
    expect(ctx(d).withdrawn).toMatchObject({ reason: '需求已由乡镇解决', by: township });
  });
});

describe('referral chart / acknowledged (办理中)', () => {
  const acknowledged = () => driver().send('ACKNOWLEDGE', medical);

  it('runs the outcome clock instead of the acknowledgement clock', () => {
    const d = acknowledged();
    expect(activeStepClocks(d.snapshot)).toEqual([{ key: 'outcome', step: 'acknowledged' }]);
    expect(openTasks(d.snapshot, orgs)).toMatchObject([{ role: 'department', deadline: 'outcome' }]);
    expect(allowed(d)).toEqual({
      REPORT_OUTCOME: ['department'],
      RETURN: ['department'],
      WITHDRAW: ['window', 'township'],
    });
    expect(referralDefinition.figures(ctx(d)).acceptedAt).toBe(d.now.toISOString());
  });

  it('closes with the outcome the department reports', () => {
    expect(acknowledged().can('REPORT_OUTCOME', housing, outcome)).toBe(false);
    const d = acknowledged().send('REPORT_OUTCOME', medical, outcome);
    expect(d.value).toBe('outcomeReported');
    expect(d.snapshot.status).toBe('done');
    expect(referralDefinition.summary(ctx(d))).toMatchObject({
      departmentLabelZh: '医疗',
      outcome: { kind: 'helped', kindLabelZh: '已帮扶', text: outcome.text },
    });
    expect(openTasks(d.snapshot, orgs)).toEqual([]);
  });

  it('may still be returned or withdrawn while it is handled', () => {
    expect(acknowledged().send('RETURN', medical, { reason: '材料不全' }).value).toBe('returned');
    expect(acknowledged().send('WITHDRAW', township, { reason: '已解决' }).value).toBe('withdrawn');
  });

  it('takes no second acknowledgement', () => {
    expect(acknowledged().can('ACKNOWLEDGE', medical)).toBe(false);
  });
});

describe('referral request', () => {
  const request = {
    department: 'medical',
    orgs: testOrgs,
    reason: '需求',
    applicant: { name: '张三', idNumber: residentIds.applicant, address: '某村' },
  };
  const issuePaths = (body: unknown) =>
    referralIntakeSchema.safeParse(body).error?.issues.map((i) => i.path.join('.')) ?? [];

  it('rejects an unknown department, and orgs that do not nest, with field paths', () => {
    expect(issuePaths({ ...request, department: 'police' })).toEqual(['department']);
    expect(issuePaths({ ...request, orgs: { ...testOrgs, village: '379901002001' } })).toEqual(['orgs.village']);
    expect(issuePaths(request)).toEqual([]);
  });

  it('carries the department among the case orgs', () => {
    expect(intake.orgs).toEqual({ ...testOrgs, department: 'medical' });
    expect(intake.householdCaseId).toBeNull();
  });
});
