/**
 * The 特困 chart, step by step as 《特困人员认定办法》 sets it out: every transition and guard,
 * driven through pure transitions as the workflow drives it.
 */
import { advanceStepClocks } from '../../definitions/engine/clocks';
import { activeStepClocks, allowedEvents } from '../../definitions/engine/snapshotReading';
import type { Actor } from '../../definitions/shared/actors';
import { tekunDefinition } from '../../definitions/tekun';
import type { TekunContext, TekunInput } from '../../definitions/tekun/context';
import { drawHomeCheckSample, samplePeriod } from '../../definitions/tekun/homeCheckSample';
import type { ChartDriver } from '../support/chartDriver';
import { failedRun } from '../support/chartDriver';
import { actors, homeVisit, testOrgs } from '../support/factories';
import { aMember, aSupporter, aTekunHousehold } from '../support/households';
import { tekunDriver, tekunRules, testCountyRule } from '../support/programDrivers';

const window = actors.window();
const township = actors.township();
const village = actors.village();
const county = actors.county();
const otherCounty: Actor = { userId: 'county-x', role: 'county', org: '370911' };
const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.tekun.publicNotice';
const TERMINATION_TIMER = 'xstate.after.terminationNoticePeriod.tekun.terminationNotice';

const ctx = (d: ChartDriver) => d.snapshot.context as TekunContext;
const types = (d: ChartDriver) =>
  allowedEvents(tekunDefinition, d.snapshot, testOrgs, d.now.toISOString()).map((e) => e.type);

/** Case ids in and out of the sample for the month the tests' clock reaches the county. */
function caseIdWith(sampled: boolean): string {
  for (let i = 0; ; i += 1) {
    const caseId = `TK-379901-${i}`;
    const draw = drawHomeCheckSample({ caseId, county: testOrgs.county, period: '2026-11', ratio: 0.3 });
    if (draw.sampled === sampled) return caseId;
  }
}
const SAMPLED = caseIdWith(true);
const NOT_SAMPLED = caseIdWith(false);

const assessment = (unableItems: string[] = ['bathing']) => ({ unableItems, assessedOn: '2026-11-25' });

const accepted = (input = {}) => tekunDriver(input).send('ACCEPT', window);
const investigated = (input = {}) => accepted(input).send('RECORD_HOME_VISIT', township, homeVisit).checkCompleted();
const onNotice = (input = {}) => investigated(input).send('PROPOSE_APPROVAL', township, { opinion: '符合特困条件' });
const atCounty = (input = {}) => onNotice(input).fire(NOTICE_TIMER);
const inSupport = () =>
  atCounty({ caseId: NOT_SAMPLED })
    .send('RECORD_SELF_CARE_ASSESSMENT', county, assessment())
    .send('APPROVE', county, { monthlyAmount: 1300, supportMode: 'dispersed' });

describe('tekun chart / intake (受理)', () => {
  it('starts at the window reviewing the materials', () => {
    const d = tekunDriver();
    expect(d.value).toEqual({ intake: 'reviewingMaterials' });
    expect(types(d)).toEqual(['REQUEST_MISSING_MATERIALS', 'ACCEPT', 'DECLINE', 'WITHDRAW']);
  });

  it('accepting starts the home visit and the data check, and the township’s 15-wd clock', () => {
    const d = accepted();
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
    expect(d.effects).toContainEqual({ kind: 'dataCheck' });
    expect(activeStepClocks(d.snapshot).map((c) => c.key)).toContain('townshipReview');
    expect(ctx(d).acceptedAt).toBe(d.now.toISOString());
  });

  it('gives one notice of missing items, then accepts once they are supplied', () => {
    const d = tekunDriver().send('REQUEST_MISSING_MATERIALS', window, { items: ['disabilityCard'] });
    expect(d.value).toEqual({ intake: 'awaitingMaterials' });
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'missingMaterials' });
    d.send('SUPPLY_MATERIALS', window, { items: ['disabilityCard'] });
    expect(ctx(d).materials).toEqual(['idCard', 'disabilityCard']);
    expect(d.can('REQUEST_MISSING_MATERIALS', window, { items: ['incomeProof'] })).toBe(false);
    expect(d.can('ACCEPT', window)).toBe(true);
  });

  it('declines with a notice, and lets the applicant withdraw', () => {
    const declined = tekunDriver().send('DECLINE', window, { reasons: ['非本乡镇户籍'] });
    expect(declined.value).toBe('notAccepted');
    expect(declined.effects).toContainEqual({ kind: 'notice', notice: 'notAccepted' });
    const withdrawn = tekunDriver()
      .send('REQUEST_MISSING_MATERIALS', window, { items: ['idCard'] })
      .send('WITHDRAW', window, { reason: '已入住养老机构' });
    expect(withdrawn.value).toBe('withdrawn');
    expect(ctx(withdrawn).closure).toMatchObject({ kind: 'withdrawn', reasons: ['已入住养老机构'] });
  });

  it('only the window of the case’s township may accept', () => {
    const d = tekunDriver();
    expect(d.can('ACCEPT', township)).toBe(false);
    expect(d.can('ACCEPT', county)).toBe(false);
  });
});

describe('tekun chart / a supporter’s check authorisation (第十条, 一次性告知 第十二条)', () => {
  const tekunForm = (checkAuthorised: boolean) =>
    aTekunHousehold([aMember({ birthDate: '1950-03-01' })], [aSupporter({ checkAuthorised })]);
  const inputFor = (checkAuthorised: boolean) =>
    tekunDefinition.initialInput({
      caseId: 'TK-379901-test',
      orgs: testOrgs,
      rules: tekunRules(),
      application: tekunForm(checkAuthorised),
    }) as TekunInput;

  it('a supporter who has not signed makes the authorisation a material acceptance waits for', () => {
    expect(inputFor(false).requiredMaterials).toEqual(['supporterCheckAuthorisation']);
    expect(inputFor(true).requiredMaterials).toEqual([]);
    const d = tekunDriver({ requiredMaterials: inputFor(false).requiredMaterials });
    expect(d.can('ACCEPT', window)).toBe(false);
    expect(types(d)).toEqual(['REQUEST_MISSING_MATERIALS', 'DECLINE', 'WITHDRAW']);
    expect(tekunDefinition.summary(ctx(d))).toMatchObject({
      requiredBeforeAcceptance: ['supporterCheckAuthorisation'],
    });
  });

  it('is listed in the one notice of missing materials; once supplied, the case can be accepted', () => {
    const d = tekunDriver({ requiredMaterials: ['supporterCheckAuthorisation'] }).send(
      'REQUEST_MISSING_MATERIALS',
      window,
      { items: ['supporterCheckAuthorisation', 'disabilityCard'] }
    );
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'missingMaterials' });
    expect(tekunDefinition.renderNotice('missingMaterials', ctx(d)).bodyZh).toContain('法定义务人经济状况核对授权书');
    d.send('SUPPLY_MATERIALS', window, { items: ['supporterCheckAuthorisation'] });
    expect(tekunDefinition.summary(ctx(d))).toMatchObject({ requiredBeforeAcceptance: [] });
    d.send('ACCEPT', window);
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
  });

  it('a case whose context predates the supporters (no required materials) is accepted as before', () => {
    expect(tekunDriver({ requiredMaterials: undefined }).can('ACCEPT', window)).toBe(true);
  });
});

describe('tekun chart / investigation and data check (调查核实)', () => {
  it('keeps one township clock from acceptance through the first review', () => {
    const d = accepted();
    const acceptedAt = d.now.toISOString();
    let clocks = advanceStepClocks({}, d.snapshot, acceptedAt);
    d.advance(3600_000).send('RECORD_HOME_VISIT', township, homeVisit).checkCompleted();
    clocks = advanceStepClocks(clocks, d.snapshot, d.now.toISOString());
    expect(d.value).toBe('firstReview');
    expect(clocks.townshipReview).toBe(acceptedAt);
  });

  it('waits for a silent required source and asks again on its timer or the county’s request', () => {
    const d = accepted().checkCompleted({
      answered: [],
      unanswered: [{ sourceId: 'banks', status: 'unavailable', reasonZh: '超时' }],
    });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'incomplete' } });
    expect(d.effects.find((e) => e.kind === 'startTimer')).toMatchObject({ delayMs: 2000 });
    d.fire('xstate.after.dataCheckRetry.tekun.investigation.dataCheck.incomplete');
    expect(d.effects).toContainEqual({ kind: 'dataCheck' });
    d.checkCompleted({ answered: [], unanswered: [{ sourceId: 'banks', status: 'unavailable', reasonZh: '超时' }] });
    expect(d.can('RERUN_DATA_CHECK', township, { reason: 'x' })).toBe(false);
    d.send('RERUN_DATA_CHECK', county, { reason: '银行系统已恢复' });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
  });

  it('tells a failed check with reasons; an objection re-checks, and the township weighs a second failure', () => {
    const d = accepted().checkCompleted(failedRun());
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'checkFailed' });
    d.send('OBJECT_TO_CHECK', window, { evidence: '存款为代管款项' }).checkCompleted(failedRun({ run: 2 }));
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'reexamining' } });
    d.send('OVERTURN_CHECK_RESULT', township, { finding: '核实为代管款项' }).send(
      'RECORD_HOME_VISIT',
      township,
      homeVisit
    );
    expect(d.value).toBe('firstReview');
    expect(ctx(d).dataCheck.outcome).toBe('passed');
  });

  it('after a failed check that stands, only a rejection can be proposed', () => {
    const d = accepted()
      .checkCompleted(failedRun())
      .send('UPHOLD_CHECK_RESULT', township)
      .send('RECORD_HOME_VISIT', township, homeVisit);
    expect(d.can('PROPOSE_APPROVAL', township, { opinion: '同意' })).toBe(false);
    d.send('PROPOSE_REJECTION', township, { reasons: ['有赡养人'] });
    expect(d.value).toBe('countyReview');
  });

  it('only the engine reports a check result', () => {
    expect(accepted().can('DATA_CHECK_COMPLETED', county, { eligible: true, unanswered: [] })).toBe(false);
  });
});

describe('tekun chart / first review and notices (初审、公示)', () => {
  it('records a community review and a self-care assessment, then posts the first notice', () => {
    const d = investigated()
      .send('RECORD_COMMUNITY_REVIEW', township, { attendees: 9, outcome: 'support', minutes: '一致同意' })
      .send('RECORD_SELF_CARE_ASSESSMENT', township, assessment(['bathing', 'walking', 'toileting', 'dressing']));
    expect(ctx(d).communityReviews).toHaveLength(1);
    expect(ctx(d).careAssessment?.level).toBe('whollyUnable');
    d.send('PROPOSE_APPROVAL', township, { opinion: '符合条件' });
    expect(d.value).toBe('publicNotice');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'publicNotice' });
    expect(d.effects.find((e) => e.kind === 'startTimer')).toMatchObject({ delayMs: 2000 });
    expect(ctx(d).noticeRound).toBe(1);
  });

  it('sends the file back to the home visit; the check’s result stands', () => {
    const d = investigated().send('SEND_BACK', township, { reason: '调查记录不完整' });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'completed' } });
    expect(ctx(d).sentBack).toMatchObject({ from: 'firstReview', reason: '调查记录不完整' });
  });

  it('objections to the first notice re-open the file: a new opinion and a second notice', () => {
    const d = onNotice().send('FILE_NOTICE_OBJECTION', village, { summary: '其子有赡养能力' });
    expect(d.can('FILE_NOTICE_OBJECTION', county, { summary: 'x' })).toBe(false);
    d.fire(NOTICE_TIMER);
    expect(d.value).toEqual({ objectionReview: 'choosingMethod' });
    expect(activeStepClocks(d.snapshot).map((c) => c.key)).toContain('revisedOpinion');
    d.send('REINVESTIGATE', township).send('RECORD_HOME_VISIT', township, homeVisit);
    expect(d.value).toEqual({ objectionReview: 'revisingOpinion' });
    d.send('PROPOSE_APPROVAL', township, { opinion: '经核实其子无赡养能力' });
    expect(d.value).toBe('publicNotice');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'secondPublicNotice' });
    expect(ctx(d).noticeRound).toBe(2);

    // Objections to the second notice go with the file to the county, which weighs them
    d.send('FILE_NOTICE_OBJECTION', window, { summary: '仍有异议' }).fire(NOTICE_TIMER);
    expect(d.value).toBe('countyReview');
    expect(ctx(d).noticeObjections.map((o) => o.round)).toEqual([1, 2]);
  });

  it('a community review settles objections too; the revised opinion can be sent back or be a rejection', () => {
    const d = onNotice()
      .send('FILE_NOTICE_OBJECTION', village, { summary: '有异议' })
      .fire(NOTICE_TIMER)
      .send('RECORD_COMMUNITY_REVIEW', township, { attendees: 7, outcome: 'oppose', minutes: '多数反对' });
    expect(d.value).toEqual({ objectionReview: 'revisingOpinion' });
    d.send('SEND_BACK', township, { reason: '需重新核实' });
    expect(d.value).toEqual({ objectionReview: 'choosingMethod' });
    d.send('RECORD_COMMUNITY_REVIEW', township, { attendees: 7, outcome: 'oppose', minutes: '仍反对' }).send(
      'PROPOSE_REJECTION',
      township,
      { reasons: ['有法定赡养人且有赡养能力'] }
    );
    expect(d.value).toBe('countyReview');
  });
});

describe('tekun chart / county review with the home-check sample (县级审核确认)', () => {
  it('draws the sample on arrival, reproducibly, and holds a sampled case until the county’s home check', () => {
    const d = atCounty({ caseId: SAMPLED });
    expect(ctx(d).homeCheckSample).toEqual(
      drawHomeCheckSample({
        caseId: SAMPLED,
        county: testOrgs.county,
        period: samplePeriod(d.now.toISOString()),
        ratio: 0.3,
      })
    );
    expect(ctx(d).homeCheckSample?.sampled).toBe(true);
    d.send('RECORD_SELF_CARE_ASSESSMENT', county, assessment());
    expect(d.can('APPROVE', county, { monthlyAmount: 1300, supportMode: 'dispersed' })).toBe(false);
    d.send('RECORD_COUNTY_HOME_CHECK', county, homeVisit);
    expect(d.can('APPROVE', county)).toBe(true);
  });

  it('approves a case outside the sample without a county home check, once the care level is set', () => {
    const d = atCounty({ caseId: NOT_SAMPLED });
    expect(ctx(d).homeCheckSample?.sampled).toBe(false);
    expect(d.can('APPROVE', county)).toBe(false);
    d.send('RECORD_SELF_CARE_ASSESSMENT', county, assessment(['bathing', 'walking']));
    expect(ctx(d).careAssessment?.level).toBe('partlyUnable');
    d.send('APPROVE', county, { monthlyAmount: 1300, supportMode: 'institutional' });
    expect(d.value).toBe('inPayment');
    expect(d.effects).toEqual(
      expect.arrayContaining([
        { kind: 'notice', notice: 'approval' },
        { kind: 'disbursement', payment: { kind: 'monthly', period: '2026-12', amount: 1300 } },
      ])
    );
    expect(tekunDefinition.renderNotice('approval', ctx(d)).bodyZh).toContain('部分丧失生活自理能力');
    expect(tekunDefinition.summary(ctx(d))).toMatchObject({
      careAssessment: { level: 'partlyUnable', levelLabelZh: '部分丧失生活自理能力' },
      countyHomeCheck: { required: false, recorded: 0 },
    });
  });

  it('a ratio of 1 samples every case', () => {
    const rules = tekunRules([
      testCountyRule('tekun', { countyHomeCheckRatio: { value: 1, source: 't', effectiveFrom: '2020-01-02' } }),
    ]);
    const d = atCounty({ caseId: NOT_SAMPLED, rules }).send('RECORD_SELF_CARE_ASSESSMENT', county, assessment());
    expect(ctx(d).homeCheckSample?.sampled).toBe(true);
    expect(d.can('APPROVE', county)).toBe(false);
  });

  it('a named complaint needs the county’s home check even outside the sample', () => {
    const d = onNotice({ caseId: NOT_SAMPLED })
      .send('FILE_NOTICE_OBJECTION', village, { summary: '实名举报', complaint: true })
      .fire(NOTICE_TIMER)
      .send('REINVESTIGATE', township)
      .send('RECORD_HOME_VISIT', township, homeVisit)
      .send('PROPOSE_APPROVAL', township, { opinion: '同意' })
      .fire(NOTICE_TIMER)
      .send('RECORD_SELF_CARE_ASSESSMENT', county, assessment());
    expect(d.can('APPROVE', county)).toBe(false);
  });

  it('keeps the draw when the file comes back in another month', () => {
    const d = atCounty({ caseId: SAMPLED });
    const first = ctx(d).homeCheckSample;
    d.send('SEND_BACK', county, { reason: '补充材料' })
      .advance(40 * 86_400_000)
      .send('PROPOSE_REJECTION', township, { reasons: ['不符合'] });
    expect(d.value).toBe('countyReview');
    expect(ctx(d).homeCheckSample).toEqual(first);
  });

  it('rejects with written reasons delivered by the township', () => {
    const d = atCounty().send('REJECT', county, { reasons: ['有劳动能力'] });
    expect(d.value).toBe('rejectionNotice');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'rejection' });
    d.send('DELIVER_REJECTION_NOTICE', township, { deliveredOn: '2026-12-01' });
    expect(d.value).toBe('rejected');
  });

  it('only the county of the case decides', () => {
    const d = atCounty({ caseId: NOT_SAMPLED }).send('RECORD_SELF_CARE_ASSESSMENT', county, assessment());
    expect(d.can('APPROVE', otherCounty)).toBe(false);
    expect(d.can('APPROVE', township)).toBe(false);
  });
});

describe('tekun chart / support and termination (供养、终止)', () => {
  it('re-assesses the care level on a change of condition', () => {
    const d = inSupport().send('RECORD_SELF_CARE_ASSESSMENT', township, assessment([]));
    expect(ctx(d).careAssessment?.level).toBe('selfCaring');
    expect(d.can('WITHDRAW', window, { reason: 'x' })).toBe(false);
  });

  it('posts a planned termination for its own period, then ends support with the suggested referral', () => {
    const d = inSupport().send('PROPOSE_TERMINATION', township, { reason: '收入超过标准', suggestion: 'dibao' });
    expect(d.value).toBe('terminationNotice');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'terminationNotice' });
    expect(d.effects.find((e) => e.kind === 'startTimer')).toMatchObject({ delayMs: 2000 });
    d.fire(TERMINATION_TIMER);
    expect(d.value).toBe('terminated');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'termination' });
    expect(ctx(d).closure).toMatchObject({ kind: 'terminated', reasons: ['收入超过标准'], suggestion: 'dibao' });
    expect(tekunDefinition.renderNotice('termination', ctx(d)).bodyZh).toContain('纳入最低生活保障');
    // Moving onto dibao: its case opens from this application
    expect(d.effects).toContainEqual({
      kind: 'openCase',
      referral: { program: 'dibao', reason: '收入超过标准', by: township, at: ctx(d).closure?.at },
    });
  });

  it('objections to a planned termination go to the county, which confirms it or keeps the support', () => {
    const objected = () =>
      inSupport()
        .send('PROPOSE_TERMINATION', county, { reason: '已有赡养人', suggestion: 'temporaryHelp' })
        .send('FILE_TERMINATION_OBJECTION', village, { summary: '赡养人无能力' })
        .fire(TERMINATION_TIMER);
    const confirmed = objected();
    expect(confirmed.value).toBe('terminationReview');
    confirmed.send('CONFIRM_TERMINATION', county, { finding: '核实有赡养能力' });
    expect(confirmed.value).toBe('terminated');
    expect(ctx(confirmed).closure?.suggestion).toBe('temporaryHelp');
    // Temporary help needs a claim of its own: the advice stays in the notice, no case opens
    expect(confirmed.effects.map((e) => e.kind)).not.toContain('openCase');

    const kept = objected().send('CANCEL_TERMINATION', county, { finding: '赡养人无能力' });
    expect(kept.value).toBe('inPayment');
    expect(kept.effects.map((e) => e.kind)).not.toContain('disbursement');
    expect(ctx(kept).termination).toBeNull();
  });
});

describe('tekun / notices', () => {
  it('renders each notice from the case: missing items, reasons, the second notice and the planned termination', () => {
    const missing = tekunDriver().send('REQUEST_MISSING_MATERIALS', window, { items: ['disabilityCard'] });
    expect(tekunDefinition.renderNotice('missingMaterials', ctx(missing)).bodyZh).toContain('残疾人证');
    const declined = tekunDriver().send('DECLINE', window, { reasons: ['非本乡镇户籍'] });
    expect(tekunDefinition.renderNotice('notAccepted', ctx(declined)).bodyZh).toContain('非本乡镇户籍');
    const failed = accepted().checkCompleted(failedRun());
    expect(tekunDefinition.renderNotice('checkFailed', ctx(failed)).bodyZh).toContain('存款超过限额');
    const notice = onNotice();
    expect(tekunDefinition.renderNotice('publicNotice', ctx(notice)).bodyZh).toContain('公示期2秒');
    expect(tekunDefinition.renderNotice('secondPublicNotice', ctx(notice)).titleZh).toBe(
      '特困人员救助供养初审结果再次公示'
    );
    const rejected = atCounty().send('REJECT', county, { reasons: ['有劳动能力'] });
    expect(tekunDefinition.renderNotice('rejection', ctx(rejected)).bodyZh).toContain('有劳动能力');
    const planned = inSupport().send('PROPOSE_TERMINATION', township, { reason: '已死亡', suggestion: 'none' });
    expect(tekunDefinition.renderNotice('terminationNotice', ctx(planned)).bodyZh).toContain('已死亡');
    const ended = planned.fire(TERMINATION_TIMER);
    expect(tekunDefinition.renderNotice('termination', ctx(ended)).bodyZh).not.toContain('终止后');
  });
});

describe('特困 chart / referral to another program (转其他救助)', () => {
  it('a home visit that finds the household belongs to dibao opens the dibao case from this application', () => {
    const d = accepted().send('RECORD_HOME_VISIT', township, { ...homeVisit, verdict: 'referOther', referTo: 'dibao' });
    expect(d.effects).toContainEqual({
      kind: 'openCase',
      referral: expect.objectContaining({ program: 'dibao', by: township }),
    });
    expect(tekunDefinition.summary(ctx(d))).toMatchObject({ referredTo: { program: 'dibao' } });
  });
});
