/**
 * The temporary-help chart: the expense-driven chain with its approval routed by the township's
 * ceiling and paid in stages, and help first on an emergency with its paperwork clock.
 */
import { activeStepClocks, allowedEvents, openTasks } from '../../definitions/engine/snapshotReading';
import { temporaryHelpDefinition } from '../../definitions/temporaryHelp';
import type { TemporaryHelpContext } from '../../definitions/temporaryHelp/context';
import type { ChartDriver } from '../support/chartDriver';
import { failedRun } from '../support/chartDriver';
import { actors, homeVisit, TEST_TOWNSHIP_CEILING, testOrgs } from '../support/factories';
import { temporaryHelpDriver, temporaryHelpRules } from '../support/programDrivers';

const window = actors.window();
const township = actors.township();
const village = actors.village();
const county = actors.county();
const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.temporaryHelp.publicNotice';

const ctx = (d: ChartDriver) => d.snapshot.context as TemporaryHelpContext;
const allowed = (d: ChartDriver) =>
  Object.fromEntries(
    allowedEvents(temporaryHelpDefinition, d.snapshot, testOrgs, d.now.toISOString()).map((e) => [e.type, e.roles])
  );

const accepted = () => temporaryHelpDriver().send('ACCEPT', window);
const reviewed = () => accepted().send('RECORD_HOME_VISIT', township, homeVisit).checkCompleted();
const proposed = (stages: number[]) =>
  reviewed().send('PROPOSE_APPROVAL', township, {
    opinion: '医疗支出大',
    stages: stages.map((amount) => ({ amount })),
  });
const toApproval = (stages: number[]) => proposed(stages).fire(NOTICE_TIMER);

describe('temporary help chart / help first (急难型先行救助)', () => {
  it('is open to the township and the county from intake', () => {
    expect(allowed(temporaryHelpDriver()).HELP_FIRST).toEqual(['township', 'county']);
  });

  it('pays at once, skipping check, review and notice, and starts the paperwork clock', () => {
    const d = temporaryHelpDriver().send('HELP_FIRST', township, { amount: 600, circumstances: '火灾致住房损毁' });
    expect(d.value).toBe('emergencyFollowUp');
    expect(d.effects).toEqual([
      { kind: 'disbursement', payment: { kind: 'helpFirst', schedule: [{ period: '2026-11', amount: '600.00' }] } },
    ]);
    expect(activeStepClocks(d.snapshot)).toEqual([{ key: 'emergencyPaperwork', step: 'emergencyFollowUp' }]);
    expect(openTasks(d.snapshot, testOrgs)).toMatchObject([{ role: 'township', deadline: 'emergencyPaperwork' }]);
    expect(ctx(d).dataCheck.runs).toHaveLength(0);
  });

  it('up to the township’s ceiling only; above it the county helps first', () => {
    const d = temporaryHelpDriver();
    expect(d.can('HELP_FIRST', township, { amount: TEST_TOWNSHIP_CEILING })).toBe(true);
    expect(d.can('HELP_FIRST', township, { amount: TEST_TOWNSHIP_CEILING + 0.01 })).toBe(false);
    expect(d.can('HELP_FIRST', county, { amount: 5000 })).toBe(true);
    expect(d.can('HELP_FIRST', window, { amount: 100 })).toBe(false);
  });

  it('completes once the paperwork is recorded', () => {
    const d = temporaryHelpDriver()
      .send('HELP_FIRST', county, { amount: 3000, circumstances: '交通事故' })
      .send('RECORD_EMERGENCY_PAPERWORK', township, {
        recipientConfirmed: true,
        reason: '交通事故致重伤',
        amount: 3000,
        signaturesComplete: true,
      });
    expect(d.value).toBe('completed');
    expect(ctx(d).paperwork).toMatchObject({ amount: 3000, reason: '交通事故致重伤' });
  });

  it('is not possible once the expense-driven chain has begun', () => {
    expect(accepted().can('HELP_FIRST', township, { amount: 100 })).toBe(false);
  });
});

describe('temporary help chart / intake and review (受理、审核)', () => {
  it('accepts into the home visit and the data check; one notice of missing items; decline and withdraw', () => {
    const d = accepted();
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
    expect(d.effects).toContainEqual({ kind: 'dataCheck' });
    const missing = temporaryHelpDriver().send('REQUEST_MISSING_MATERIALS', window, { items: ['medicalRecords'] });
    expect(missing.effects).toContainEqual({ kind: 'notice', notice: 'missingMaterials' });
    missing.send('SUPPLY_MATERIALS', window, { items: ['medicalRecords'] });
    expect(missing.can('REQUEST_MISSING_MATERIALS', window, { items: ['idCard'] })).toBe(false);
    expect(temporaryHelpDriver().send('DECLINE', window, { reasons: ['不属本辖区'] }).value).toBe('notAccepted');
    expect(accepted().send('WITHDRAW', window, { reason: '已获医保报销' }).value).toBe('withdrawn');
  });

  it('a failed check leaves only a rejection; the data-check region works as for every program', () => {
    const d = accepted().checkCompleted(failedRun());
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'checkFailed' });
    d.send('UPHOLD_CHECK_RESULT', township).send('RECORD_HOME_VISIT', township, homeVisit);
    expect(d.value).toBe('townshipReview');
    expect(d.can('PROPOSE_APPROVAL', township, { stages: [{ amount: 100 }] })).toBe(false);
  });

  it('runs the shared data-check region: waits for silent sources, re-checks on objection', () => {
    const d = accepted().checkCompleted({
      answered: [],
      unanswered: [{ sourceId: 'banks', status: 'unavailable', reasonZh: '超时' }],
    });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'incomplete' } });
    expect(d.effects.find((e) => e.kind === 'startTimer')).toMatchObject({ delayMs: 2000 });
    d.fire('xstate.after.dataCheckRetry.temporaryHelp.investigation.dataCheck.incomplete')
      .checkCompleted(failedRun({ run: 2 }))
      .send('OBJECT_TO_CHECK', window, { evidence: '车辆已报废' })
      .checkCompleted(failedRun({ run: 3 }));
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'reexamining' } });
    d.send('OVERTURN_CHECK_RESULT', township, { finding: '车辆已报废注销' }).send(
      'RECORD_HOME_VISIT',
      township,
      homeVisit
    );
    expect(d.value).toBe('townshipReview');
    expect(ctx(d).dataCheck).toMatchObject({ outcome: 'passed', objection: '车辆已报废' });
    expect(ctx(d).dataCheck.runs.map((r) => r.run)).toEqual([1, 2, 3]);
  });

  it('the review sends the file back to the home visit', () => {
    const d = reviewed().send('SEND_BACK', township, { reason: '补充调查' });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'completed' } });
  });

  it('posts the proposed stages; objections bring the file back for a new review and a new notice', () => {
    const d = proposed([500, 300]);
    expect(d.value).toBe('publicNotice');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'publicNotice' });
    expect(temporaryHelpDefinition.renderNotice('publicNotice', ctx(d)).bodyZh).toContain('800.00元');
    d.send('FILE_NOTICE_OBJECTION', village, { summary: '已获其他救助' }).fire(NOTICE_TIMER);
    expect(d.value).toBe('townshipReview');
    d.send('PROPOSE_APPROVAL', township, { opinion: '核实无重复', stages: [{ amount: 500 }] }).fire(NOTICE_TIMER);
    expect(d.value).toBe('townshipApproval');
    expect(ctx(d).noticeRound).toBe(2);
  });
});

describe('temporary help chart / approval by the township’s ceiling (委托审批)', () => {
  it('a total within the ceiling is approved by the township', () => {
    const d = toApproval([600, 400]);
    expect(d.value).toBe('townshipApproval');
    expect(allowed(d).APPROVE).toEqual(['township']);
    d.send('APPROVE', township, {});
    expect(d.value).toBe('inPayment');
    expect(ctx(d).decision).toMatchObject({ level: 'township', total: 1000 });
    expect(d.effects).toEqual(
      expect.arrayContaining([
        { kind: 'notice', notice: 'approval' },
        expect.objectContaining({ kind: 'disbursement' }),
      ])
    );
  });

  it('a total above the ceiling goes to the county, and the township cannot approve it', () => {
    const d = toApproval([800, 700]);
    expect(d.value).toBe('countyApproval');
    expect(d.can('APPROVE', township)).toBe(false);
    d.send('APPROVE', county, {});
    expect(ctx(d).decision).toMatchObject({ level: 'county', total: 1500 });
  });

  it('the township may not raise an approval above its ceiling, but may refer the case to the county', () => {
    const d = toApproval([500]);
    expect(d.can('APPROVE', township, { stages: [{ amount: 900 }, { amount: 200 }] })).toBe(false);
    expect(d.can('APPROVE', township, { stages: [{ amount: 900 }] })).toBe(true);
    d.send('REFER_TO_COUNTY', township, { reason: '需提高救助金额' });
    expect(d.value).toBe('countyApproval');
    d.send('APPROVE', county, { stages: [{ amount: 900 }, { amount: 200 }] });
    expect(ctx(d).decision).toMatchObject({ level: 'county', total: 1100 });
  });

  it('a proposed rejection goes to whoever may decide on the amount claimed', () => {
    const small = reviewed().send('PROPOSE_REJECTION', township, { reasons: ['有存款'] });
    expect(small.value).toBe('townshipApproval');
    small.send('REJECT', township, { reasons: ['有存款足以支付'] });
    expect(small.value).toBe('rejected');
    expect(small.effects).toContainEqual({ kind: 'notice', notice: 'rejection' });

    const large = temporaryHelpDriver({ claim: { kind: 'expense', amountClaimed: 5000, description: '手术' } })
      .send('ACCEPT', window)
      .send('RECORD_HOME_VISIT', township, homeVisit)
      .checkCompleted()
      .send('PROPOSE_REJECTION', township, { reasons: ['不符合'] });
    expect(large.value).toBe('countyApproval');
    large.send('REJECT', county, { reasons: ['不符合'] });
    expect(large.value).toBe('rejected');
  });

  it('either decider may send the file back to the township’s review', () => {
    expect(toApproval([500]).send('SEND_BACK', township, { reason: '金额需复核' }).value).toBe('townshipReview');
    expect(toApproval([900, 900]).send('SEND_BACK', county, { reason: '补充材料' }).value).toBe('townshipReview');
  });
});

describe('temporary help chart / paying in stages (一次审批、分阶段救助)', () => {
  it('pays the first stage with the approval and completes with the last', () => {
    const d = toApproval([300, 300, 200]).send('APPROVE', township, {});
    // The approval books every stage, month by month from its own month
    expect(d.effects).toContainEqual({
      kind: 'disbursement',
      payment: {
        kind: 'staged',
        schedule: [
          { period: '2026-11', amount: '300.00' },
          { period: '2026-12', amount: '300.00' },
          { period: '2027-01', amount: '200.00' },
        ],
      },
    });
    expect(ctx(d).payments.map((p) => p.stage)).toEqual([1]);
    d.send('RECORD_STAGE_PAYMENT', township, { paidOn: '2026-12-05' });
    expect(d.value).toBe('inPayment');
    expect(temporaryHelpDefinition.summary(ctx(d)).stages).toMatchObject([
      { stage: 1, amount: 300 },
      { stage: 2, amount: 300 },
      { stage: 3, amount: 200, paidAt: null },
    ]);
    expect(d.can('RECORD_STAGE_PAYMENT', county)).toBe(false);
    d.send('RECORD_STAGE_PAYMENT', township, { paidOn: '2027-01-05' });
    expect(d.value).toBe('completed');
    expect(ctx(d).payments.map((p) => p.amount)).toEqual([300, 300, 200]);
  });

  it('a single-stage approval completes at once', () => {
    expect(toApproval([500]).send('APPROVE', township, {}).value).toBe('completed');
  });

  it('refuses more stages than the rules allow', () => {
    const rules = temporaryHelpRules();
    const schema = temporaryHelpDefinition.eventPayloads(rules).PROPOSE_APPROVAL!;
    const stages = (n: number) => Array.from({ length: n }, () => ({ amount: 100 }));
    expect(schema.safeParse({ opinion: 'x', stages: stages(rules.maxStages.value) }).success).toBe(true);
    const tooMany = schema.safeParse({ opinion: 'x', stages: stages(rules.maxStages.value + 1) });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]?.message).toContain(`不超过${rules.maxStages.value}个阶段`);
  });
});

describe('temporary help / notices', () => {
  it('renders each notice the chart declares from the case, and refuses other programs’ kinds', () => {
    const declined = temporaryHelpDriver().send('DECLINE', window, { reasons: ['不属本辖区'] });
    expect(temporaryHelpDefinition.renderNotice('notAccepted', ctx(declined)).bodyZh).toContain('不属本辖区');
    const missing = temporaryHelpDriver().send('REQUEST_MISSING_MATERIALS', window, { items: ['medicalRecords'] });
    expect(temporaryHelpDefinition.renderNotice('missingMaterials', ctx(missing)).bodyZh).toContain(
      '病历及医疗费用票据'
    );
    const failed = accepted().checkCompleted(failedRun());
    expect(temporaryHelpDefinition.renderNotice('checkFailed', ctx(failed)).bodyZh).toContain('存款超过限额');
    const rejected = toApproval([500]).send('REJECT', township, { reasons: ['已获医保全额报销'] });
    expect(temporaryHelpDefinition.renderNotice('rejection', ctx(rejected))).toMatchObject({
      titleZh: '临时救助不予救助通知书',
      bodyZh: expect.stringContaining('已获医保全额报销'),
    });
    expect(() => temporaryHelpDefinition.renderNotice('termination', ctx(rejected))).toThrow();
  });
});

describe('temporary help chart / referral to another program (转其他救助)', () => {
  it('a home visit that finds the household belongs to dibao opens the dibao case from this application', () => {
    const d = accepted().send('RECORD_HOME_VISIT', township, { ...homeVisit, verdict: 'referOther', referTo: 'dibao' });
    expect(d.effects).toContainEqual({
      kind: 'openCase',
      referral: expect.objectContaining({ program: 'dibao', by: township }),
    });
    const ordinary = accepted().send('RECORD_HOME_VISIT', township, homeVisit);
    expect(ordinary.effects.map((e) => e.kind)).not.toContain('openCase');
  });
});
