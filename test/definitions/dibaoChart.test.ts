import { dibaoDefinition } from '../../definitions/dibao';
import { dibaoEventPayloads } from '../../definitions/dibao/events';
import type { DibaoContext } from '../../definitions/dibao/chart';
import { allowedEvents } from '../../definitions/engine/snapshotReading';
import type { Actor } from '../../definitions/shared/actors';
import { systemActor } from '../../definitions/shared/actors';
import { unfinishedRunSummary } from '../../definitions/verification';
import { DibaoDriver, failedRun } from '../support/chartDriver';
import { actors, homeVisit, testOrgs } from '../support/factories';

const window = actors.window();
const township = actors.township();
const village = actors.village();
const county = actors.county();
const otherCounty: Actor = { userId: 'county-x', role: 'county', org: '370911' };
const otherTownshipWindow: Actor = { userId: 'clerk-x', role: 'window', org: '379901002' };
const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.dibao.publicNotice';

const ctx = (d: DibaoDriver) => d.snapshot.context as DibaoContext;

function accepted(input = {}) {
  return new DibaoDriver(input).send('ACCEPT', window);
}
function investigated(input = {}) {
  return accepted(input).send('RECORD_HOME_VISIT', township, homeVisit).checkCompleted();
}
function onNotice(input = {}) {
  return investigated(input).send('PROPOSE_APPROVAL', township, { opinion: '符合条件' });
}
function atCounty(input = {}) {
  return onNotice(input).fire(NOTICE_TIMER);
}

describe('dibao chart / intake (受理)', () => {
  it('starts at the window reviewing the materials', () => {
    const d = new DibaoDriver();
    expect(d.value).toEqual({ intake: 'reviewingMaterials' });
    expect(allowedEvents(dibaoDefinition, d.snapshot, testOrgs, d.now.toISOString()).map((e) => e.type)).toEqual([
      'REQUEST_MISSING_MATERIALS',
      'ACCEPT',
      'DECLINE',
      'WITHDRAW',
    ]);
  });

  it('accepting starts the home visit and the data check side by side', () => {
    const d = accepted();
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
    expect(d.effects).toContainEqual({ kind: 'dataCheck' });
    expect(ctx(d).acceptedAt).toBe(d.now.toISOString());
  });

  it('lists every missing item in one notice, and allows only one such notice', () => {
    const d = new DibaoDriver().send('REQUEST_MISSING_MATERIALS', window, { items: ['incomeProof', 'bankAccount'] });
    expect(d.value).toEqual({ intake: 'awaitingMaterials' });
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'missingMaterials' });
    expect(ctx(d).missingNotice?.items).toEqual(['incomeProof', 'bankAccount']);
    expect(d.can('ACCEPT', window)).toBe(false);

    d.send('SUPPLY_MATERIALS', window, { items: ['incomeProof'] });
    expect(d.value).toEqual({ intake: 'reviewingMaterials' });
    expect(ctx(d).materials).toEqual(['idCard', 'incomeProof']);
    expect(d.can('REQUEST_MISSING_MATERIALS', window, { items: ['bankAccount'] })).toBe(false);
    expect(d.can('ACCEPT', window)).toBe(true);
  });

  it('declining closes the application with a written notice', () => {
    const d = new DibaoDriver().send('DECLINE', window, { reasons: ['非本乡镇户籍'] });
    expect(d.value).toBe('notAccepted');
    expect(d.snapshot.status).toBe('done');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'notAccepted' });
  });

  it('only the window of the case’s own township may accept', () => {
    const d = new DibaoDriver();
    expect(d.can('ACCEPT', township)).toBe(false);
    expect(d.can('ACCEPT', county)).toBe(false);
    expect(d.can('ACCEPT', otherTownshipWindow)).toBe(false);
  });
});

describe('dibao chart / investigation and data check (入户调查、信息核对)', () => {
  it('moves to first review only when both the home visit and the data check are done', () => {
    const d = accepted().send('RECORD_HOME_VISIT', township, homeVisit);
    expect(d.value).toEqual({ investigation: { homeVisit: 'done', dataCheck: 'checking' } });
    d.checkCompleted();
    expect(d.value).toBe('firstReview');
    expect(ctx(d).dataCheck).toMatchObject({ outcome: 'passed', computedAmount: 420 });
    expect(ctx(d).dataCheck.runs).toHaveLength(1);
  });

  it('only the engine reports a check result; the home visit belongs to the township', () => {
    const d = accepted();
    for (const actor of [county, township, window]) {
      expect(d.can('DATA_CHECK_COMPLETED', actor, { run: 1, eligible: true, unanswered: [] })).toBe(false);
    }
    expect(d.can('RECORD_HOME_VISIT', county)).toBe(false);
  });

  it('a failed check is told to the applicant with its reasons, and an objection starts a new run', () => {
    const d = accepted().checkCompleted(failedRun());
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'checkFailed' });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'failed' } });
    expect(ctx(d).dataCheck.reasons).toEqual(['人均金融资产：存款超过限额']);

    d.send('OBJECT_TO_CHECK', window, { evidence: '存款为代管他人款项' });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
    expect(d.effects).toContainEqual({ kind: 'dataCheck' });

    // The re-check still finds the deposit: the township weighs the evidence (no second notice)
    d.checkCompleted(failedRun({ run: 2 }));
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'reexamining' } });
    expect(d.effects).not.toContainEqual({ kind: 'notice', notice: 'checkFailed' });
    d.send('OVERTURN_CHECK_RESULT', township, { finding: '核实为代管款项' }).send(
      'RECORD_HOME_VISIT',
      township,
      homeVisit
    );
    expect(d.value).toBe('firstReview');
    expect(ctx(d).dataCheck.outcome).toBe('passed');
    expect(ctx(d).dataCheck.runs.map((r) => r.run)).toEqual([1, 2]);
    expect(d.can('PROPOSE_APPROVAL', township, { opinion: '同意' })).toBe(true);
  });

  it('an objection whose re-check passes ends the check as passed', () => {
    const d = accepted()
      .checkCompleted(failedRun())
      .send('OBJECT_TO_CHECK', window, { evidence: '账户已销户' })
      .checkCompleted({ run: 2 });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'completed' } });
    expect(ctx(d).dataCheck).toMatchObject({ outcome: 'passed', reasons: [], computedAmount: 420 });
  });

  it('after a failed check that stands, the township can only propose rejection', () => {
    const d = accepted()
      .checkCompleted(failedRun())
      .send('UPHOLD_CHECK_RESULT', township)
      .send('RECORD_HOME_VISIT', township, homeVisit);
    expect(d.value).toBe('firstReview');
    expect(d.can('PROPOSE_APPROVAL', township, { opinion: '同意' })).toBe(false);
    d.send('PROPOSE_REJECTION', township, { reasons: ['有车辆'] });
    expect(d.value).toBe('countyReview');
  });

  it('waits when a required source is silent, and asks again on its timer or at the county’s request', () => {
    const d = accepted().checkCompleted({
      answered: [],
      unanswered: [{ sourceId: 'banks', status: 'unavailable', reasonZh: '银行存款查询超时' }],
    });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'incomplete' } });
    const retry = d.effects.find((e) => e.kind === 'startTimer');
    expect(retry).toMatchObject({ kind: 'startTimer', delayMs: 4 * 3600_000 });
    expect(ctx(d).dataCheck.outcome).toBe('pending');

    d.send('RERUN_DATA_CHECK', county, { reason: '银行系统已恢复' });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
    expect(d.effects).toContainEqual({ kind: 'dataCheck' });
    expect(d.effects).toContainEqual({ kind: 'cancelTimer', id: (retry as { id: string }).id });

    const e = accepted().checkCompleted({
      unanswered: [{ sourceId: 'civilAffairs', status: 'refused', reasonZh: '拒绝' }],
    });
    e.fire((e.effects.find((x) => x.kind === 'startTimer') as { eventType: string }).eventType);
    expect(e.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'checking' } });
    expect(e.effects).toContainEqual({ kind: 'dataCheck' });
  });

  it('treats a run that could not finish like silent sources: it waits and asks again, with no notice to the applicant', () => {
    const d = accepted();
    d.send('DATA_CHECK_COMPLETED', systemActor, unfinishedRunSummary(1, '核对未能完成'));
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'incomplete' } });
    expect(d.effects.filter((e) => e.kind === 'notice')).toEqual([]);
    expect(d.effects).toContainEqual(expect.objectContaining({ kind: 'startTimer' }));
    expect(ctx(d).dataCheck).toMatchObject({ outcome: 'pending', reasons: [] });
  });

  it('goes on without supporting evidence the rules do not require', () => {
    const d = accepted().checkCompleted({
      unanswered: [{ sourceId: 'utilities', status: 'unavailable', reasonZh: '水电气信息暂不可用' }],
    });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'completed' } });
  });
});

describe('dibao chart / public notice (公示)', () => {
  it('posts the notice and schedules its end for the configured period', () => {
    const d = investigated().send('PROPOSE_APPROVAL', township, { opinion: '符合条件' });
    expect(d.value).toBe('publicNotice');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'publicNotice' });
    const timer = d.effects.find((e) => e.kind === 'startTimer');
    // Posted 2026-11-30 09:00 China time; seven full days run to the end of 2026-12-07.
    expect(timer).toEqual({
      kind: 'startTimer',
      id: NOTICE_TIMER,
      eventType: NOTICE_TIMER,
      delayMs: Date.parse('2026-12-07T23:59:59.999+08:00') - Date.parse('2026-11-30T01:00:00Z'),
    });
  });

  it('goes straight to the county when the notice ends without objections', () => {
    const d = onNotice().fire(NOTICE_TIMER);
    expect(d.value).toBe('countyReview');
  });

  it('re-opens investigation when an objection is filed during the notice', () => {
    const d = onNotice().send('FILE_NOTICE_OBJECTION', village, { summary: '家中有营运车辆', complaint: false });
    expect(d.value).toBe('publicNotice');
    d.fire(NOTICE_TIMER);
    expect(d.value).toEqual({ objectionReview: 'choosingMethod' });
    d.send('REINVESTIGATE', township).send('RECORD_HOME_VISIT', township, homeVisit);
    expect(d.value).toEqual({ objectionReview: 'revisingOpinion' });
    d.send('PROPOSE_APPROVAL', township, { opinion: '车辆已报废，仍符合条件' });
    expect(d.value).toBe('countyReview');
    expect(ctx(d).homeVisits).toHaveLength(2);
  });

  it('can settle objections by a community review instead', () => {
    const d = onNotice()
      .send('FILE_NOTICE_OBJECTION', window, { summary: '邻居反映收入较高', complaint: false })
      .fire(NOTICE_TIMER)
      .send('RECORD_COMMUNITY_REVIEW', township, { attendees: 15, outcome: 'oppose', minutes: '多数认为收入超标' });
    expect(d.value).toEqual({ objectionReview: 'revisingOpinion' });
    d.send('PROPOSE_REJECTION', township, { reasons: ['民主评议认为收入超标'] });
    expect(d.value).toBe('countyReview');
  });

  it('only the village or the window may record an objection', () => {
    const d = onNotice();
    expect(d.can('FILE_NOTICE_OBJECTION', county, { summary: 'x' })).toBe(false);
    expect(d.can('FILE_NOTICE_OBJECTION', township, { summary: 'x' })).toBe(false);
  });

  it('withdrawing during the notice cancels the notice timer', () => {
    const d = onNotice().send('WITHDRAW', window, { reason: '家庭情况好转' });
    expect(d.value).toBe('withdrawn');
    expect(d.effects).toContainEqual({ kind: 'cancelTimer', id: NOTICE_TIMER });
  });
});

describe('dibao chart / county decision (审核确认)', () => {
  it('approval sets the amount, issues the confirmation and starts payment', () => {
    const d = atCounty().send('APPROVE', county, { monthlyAmount: 812.5 });
    expect(d.value).toEqual({ inPayment: 'receiving' });
    expect(d.effects.filter((e) => e.kind !== 'startTimer')).toEqual([
      { kind: 'notice', notice: 'approval' },
      { kind: 'disbursement', payment: { kind: 'monthly', period: '2026-12', amount: 812.5 } },
    ]);
    expect(ctx(d).decision).toMatchObject({ outcome: 'approved', monthlyAmount: 812.5 });
  });

  it('approval without an amount takes the one the data check computed from the rules', () => {
    const d = atCounty().send('APPROVE', county);
    expect(ctx(d).decision).toMatchObject({ outcome: 'approved', monthlyAmount: 420 });
  });

  it('approval needs an amount when the check computed none (an overturned failed check)', () => {
    const d = accepted()
      .checkCompleted(failedRun())
      .send('OBJECT_TO_CHECK', window, { evidence: '存款为代管款项' })
      .checkCompleted(failedRun({ run: 2 }))
      .send('OVERTURN_CHECK_RESULT', township, { finding: '核实为代管款项' })
      .send('RECORD_HOME_VISIT', township, homeVisit)
      .send('PROPOSE_APPROVAL', township, { opinion: '符合条件' })
      .fire(NOTICE_TIMER);
    expect(d.can('APPROVE', county)).toBe(false);
    expect(d.can('APPROVE', county, { monthlyAmount: 300 })).toBe(true);
  });

  it('pays from the month after approval, in China time', () => {
    const d = atCounty();
    d.now = new Date('2026-11-30T17:00:00Z'); // 2026-12-01 01:00 in China
    d.send('APPROVE', county, { monthlyAmount: 500 });
    expect(d.effects).toContainEqual({
      kind: 'disbursement',
      payment: { kind: 'monthly', period: '2027-01', amount: 500 },
    });
  });

  it('rejection waits for the written notice to be delivered through the township', () => {
    const d = atCounty().send('REJECT', county, { reasons: ['人均收入高于当地低保标准'] });
    expect(d.value).toBe('rejectionNotice');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'rejection' });
    expect(d.can('WITHDRAW', window, { reason: 'x' })).toBe(false);
    d.send('DELIVER_REJECTION_NOTICE', township, { deliveredOn: '2026-12-01' });
    expect(d.value).toBe('rejected');
    expect(d.snapshot.status).toBe('done');
  });

  it('sending back returns the file to the township for a new opinion', () => {
    const d = atCounty().send('SEND_BACK', county, { reason: '缺少赡养人收入核实' });
    expect(d.value).toBe('firstReview');
    expect(ctx(d).sentBack).toMatchObject({ from: 'countyReview', reason: '缺少赡养人收入核实', by: county });
    expect(ctx(d).opinion).not.toBeNull();
  });

  it('a close relative of staff needs the county’s own home visit before approval', () => {
    const d = atCounty({ closeRelative: true });
    expect(d.can('APPROVE', county, { monthlyAmount: 300 })).toBe(false);
    expect(d.can('REJECT', county, { reasons: ['x'] })).toBe(true);
    d.send('RECORD_COUNTY_HOME_VISIT', county, homeVisit);
    expect(d.can('APPROVE', county, { monthlyAmount: 300 })).toBe(true);
  });

  it('a named complaint during the notice also makes the county home visit mandatory', () => {
    const d = onNotice()
      .send('FILE_NOTICE_OBJECTION', village, { summary: '实名举报隐瞒收入', complaint: true })
      .fire(NOTICE_TIMER)
      .send('RECORD_COMMUNITY_REVIEW', township, { attendees: 9, outcome: 'support', minutes: '举报不实' })
      .send('PROPOSE_APPROVAL', township, { opinion: '举报不实' });
    expect(d.can('APPROVE', county, { monthlyAmount: 300 })).toBe(false);
  });

  it('only the county of the case decides', () => {
    const d = atCounty();
    expect(d.can('APPROVE', township, { monthlyAmount: 1 })).toBe(false);
    expect(d.can('APPROVE', otherCounty, { monthlyAmount: 1 })).toBe(false);
  });
});

describe('dibao chart / withdrawal and termination', () => {
  const stages: [string, () => DibaoDriver][] = [
    ['intake', () => new DibaoDriver()],
    ['awaiting materials', () => new DibaoDriver().send('REQUEST_MISSING_MATERIALS', window, { items: ['idCard'] })],
    ['investigation', accepted],
    ['first review', investigated],
    ['public notice', onNotice],
    [
      'objection review',
      () => onNotice().send('FILE_NOTICE_OBJECTION', village, { summary: 'x', complaint: false }).fire(NOTICE_TIMER),
    ],
    ['county review', atCounty],
  ];
  it.each(stages)('the applicant may withdraw during %s', (_name, reach) => {
    const d = reach().send('WITHDRAW', window, { reason: '申请人主动撤回' });
    expect(d.value).toBe('withdrawn');
    expect(ctx(d).closure).toMatchObject({ kind: 'withdrawn', reasons: ['申请人主动撤回'] });
  });

  it('no withdrawal after approval; the county terminates instead', () => {
    const d = atCounty().send('APPROVE', county, { monthlyAmount: 600 });
    expect(d.can('WITHDRAW', window, { reason: 'x' })).toBe(false);
    expect(d.can('TERMINATE', township, { reason: 'x' })).toBe(false);
    d.send('TERMINATE', county, { reason: '家庭收入已超过保障标准' });
    expect(d.value).toBe('terminated');
    expect(d.effects).toContainEqual({ kind: 'notice', notice: 'termination' });
  });

  it('a closed case accepts nothing', () => {
    const d = new DibaoDriver().send('WITHDRAW', window, { reason: 'x' });
    expect(allowedEvents(dibaoDefinition, d.snapshot, testOrgs, d.now.toISOString())).toEqual([]);
  });
});

describe('dibao chart / send back (任务回退)', () => {
  it('the first review sends the file back to the home visit, keeping the data check result', () => {
    const d = investigated().send('SEND_BACK', township, { reason: '入户调查未核实子女赡养能力' });
    expect(d.value).toEqual({ investigation: { homeVisit: 'pending', dataCheck: 'completed' } });
    expect(d.effects).not.toContainEqual({ kind: 'dataCheck' });
    expect(ctx(d).dataCheck.outcome).toBe('passed');
    expect(ctx(d).sentBack).toMatchObject({ from: 'firstReview', reason: '入户调查未核实子女赡养能力' });

    d.send('RECORD_HOME_VISIT', township, homeVisit);
    expect(d.value).toBe('firstReview');
    expect(ctx(d).homeVisits).toHaveLength(2);
  });

  it('a revised opinion after objections can go back to choosing how to verify them', () => {
    const d = onNotice()
      .send('FILE_NOTICE_OBJECTION', village, { summary: '有群众反映家中有车', complaint: false })
      .fire(NOTICE_TIMER)
      .send('RECORD_COMMUNITY_REVIEW', township, { attendees: 7, outcome: 'support', minutes: '车辆已报废' });
    expect(d.value).toEqual({ objectionReview: 'revisingOpinion' });
    d.send('SEND_BACK', township, { reason: '评议人数不足，改为重新调查' });
    expect(d.value).toEqual({ objectionReview: 'choosingMethod' });
    d.send('REINVESTIGATE', township);
    expect(d.value).toEqual({ objectionReview: 'reinvestigating' });
  });

  it('only the step’s owner may send it back, and never where no earlier step exists', () => {
    expect(investigated().can('SEND_BACK', county, { reason: 'x' })).toBe(false);
    expect(atCounty().can('SEND_BACK', township, { reason: 'x' })).toBe(false);
    expect(accepted().can('SEND_BACK', township, { reason: 'x' })).toBe(false);
    expect(onNotice().can('SEND_BACK', township, { reason: 'x' })).toBe(false);
    expect(new DibaoDriver().can('SEND_BACK', window, { reason: 'x' })).toBe(false);
  });
});

describe('dibao chart / referral to another program (转其他救助)', () => {
  it('a home visit that finds another program opens that program’s case from this application', () => {
    const d = accepted().send('RECORD_HOME_VISIT', township, {
      ...homeVisit,
      verdict: 'referOther',
      referTo: 'tekun',
    });
    expect(d.effects).toContainEqual({ kind: 'openCase', referral: ctx(d).referredTo });
    expect(ctx(d).referredTo).toMatchObject({ program: 'tekun', by: township });
  });

  it('an ordinary home visit opens nothing', () => {
    const d = accepted().send('RECORD_HOME_VISIT', township, homeVisit);
    expect(d.effects.map((e) => e.kind)).not.toContain('openCase');
    expect(ctx(d).referredTo).toBeNull();
  });

  it('asks for the program with a referral, and for the claim when it is temporary help', () => {
    const schema = dibaoEventPayloads(ctx(accepted()).rules).RECORD_HOME_VISIT;
    const paths = (payload: Record<string, unknown>) => {
      const result = schema.safeParse({ ...homeVisit, ...payload });
      return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ verdict: 'referOther' })).toEqual(['referTo']);
    expect(paths({ verdict: 'truthful', referTo: 'tekun' })).toEqual(['referTo']);
    expect(paths({ verdict: 'referOther', referTo: 'temporaryHelp' })).toEqual(['claim']);
    expect(paths({ verdict: 'referOther', referTo: 'tekun' })).toEqual([]);
  });
});
