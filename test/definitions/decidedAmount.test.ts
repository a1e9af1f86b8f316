/**
 * Amounts a decision-maker sets, held to what the case's rules give: up to it nothing more is asked;
 * above it the payload must carry a written ground and stay within the county's ceiling (a 400
 * naming the field, from the schema built for the case as it stands). The ground shows on the
 * notice and the event records the amount's basis for the audit line.
 */
import { dibaoDefinition } from '../../definitions/dibao';
import type { DibaoContext } from '../../definitions/dibao/context';
import type { AmountIssue } from '../../definitions/shared/decidedAmount';
import { amountIssues } from '../../definitions/shared/decidedAmount';
import { tekunDefinition } from '../../definitions/tekun';
import type { TekunContext } from '../../definitions/tekun/context';
import { drawHomeCheckSample } from '../../definitions/tekun/homeCheckSample';
import { temporaryHelpDefinition } from '../../definitions/temporaryHelp';
import type { TemporaryHelpContext } from '../../definitions/temporaryHelp/context';
import type { ChartDriver } from '../support/chartDriver';
import { DibaoDriver, nationalRules } from '../support/chartDriver';
import { actors, homeVisit, testOrgs } from '../support/factories';
import { tekunDriver, tekunRules, temporaryHelpDriver, temporaryHelpRules } from '../support/programDrivers';

const window = actors.window();
const township = actors.township();
const county = actors.county();

/** The payload as the workflow admits it: the event's schema built for the case as it stands. */
function admit(d: ChartDriver, type: string, payload: Record<string, unknown>) {
  const schemas = d.definition.eventPayloads(d.snapshot.context.rules, d.snapshot.context);
  const parsed = schemas[type]!.safeParse(payload);
  return parsed.success
    ? { data: parsed.data as Record<string, unknown>, issues: [] as AmountIssue[] }
    : { data: null, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) };
}

describe('decided amounts / the rule', () => {
  const figure = (value: number, source: string) => ({ value, source, effectiveFrom: '2026-01-01' });
  const limits = { maxMultipleOfReference: figure(1.5, '某县规定'), ceiling: figure(3000, '上限') };
  const reference = { amount: 900, labelZh: '核对计算的保障金额' };

  it('asks nothing of an amount up to the reference', () => {
    expect(amountIssues({ amount: 900, reference, ground: undefined, limits }, 'monthlyAmount')).toEqual([]);
  });

  it('asks a ground above it, and refuses more than the lower ceiling, naming its source', () => {
    const issues = amountIssues({ amount: 99_999, reference, ground: undefined, limits }, 'monthlyAmount');
    expect(issues).toEqual([
      { path: ['amountGround'], message: '99999.00元高于核对计算的保障金额900.00元，请写明理由' },
      { path: ['monthlyAmount'], message: '99999.00元超过上限1350.00元（某县规定），请核减' },
    ]);
    expect(amountIssues({ amount: 1350, reference, ground: '重度残疾', limits }, 'monthlyAmount')).toEqual([]);
    expect(amountIssues({ amount: 1350.01, reference, ground: '重度残疾', limits }, 'monthlyAmount')).toHaveLength(1);
  });

  it('holds an amount without a reference to the fixed ceiling, with a ground', () => {
    const issues = amountIssues({ amount: 3001, reference: null, ground: undefined, limits }, 'monthlyAmount');
    expect(issues.map((i) => i.path[0])).toEqual(['amountGround', 'monthlyAmount']);
    expect(issues[1]!.message).toContain('上限3000.00元（上限）');
  });
});

describe('decided amounts / dibao approval', () => {
  const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.dibao.publicNotice';
  /** At the county, with a computed benefit of 900 yuan. */
  const atCounty = () =>
    new DibaoDriver()
      .send('ACCEPT', window)
      .send('RECORD_HOME_VISIT', township, homeVisit)
      .checkCompleted({ monthlyAmount: 900 })
      .send('PROPOSE_APPROVAL', township, { opinion: '符合条件' })
      .fire(NOTICE_TIMER);

  it('takes the computed benefit, or less, with no ground', () => {
    const admitted = admit(atCounty(), 'APPROVE', { monthlyAmount: 900 });
    expect(admitted.issues).toEqual([]);
    expect(admitted.data!.amountBasis).toMatchObject({ referenceAmount: 900, aboveReference: false });
    expect(admit(atCounty(), 'APPROVE', {}).issues).toEqual([]);
  });

  it('refuses 99,999 a month where the check computed 900: a ground is missing and the ceiling passed', () => {
    const { issues } = admit(atCounty(), 'APPROVE', { monthlyAmount: 99_999 });
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['amountGround', 'monthlyAmount']);
    expect(issues.find((i) => i.path[0] === 'monthlyAmount')!.message).toContain('上限1350.00元');
    const withGround = admit(atCounty(), 'APPROVE', { monthlyAmount: 99_999, amountGround: '重度残疾' });
    expect(withGround.issues.map((i) => i.path[0])).toEqual(['monthlyAmount']);
  });

  it('approves more than computed with a ground: on the decision, the notice and the audit basis', () => {
    const payload = { monthlyAmount: 1200, amountGround: '户内有重度残疾人，按分类施保增发' };
    const admitted = admit(atCounty(), 'APPROVE', payload);
    expect(admitted.data!.amountBasis).toEqual({
      amount: 1200,
      referenceAmount: 900,
      referenceLabelZh: '核对计算的保障金额',
      ceiling: 1350,
      aboveReference: true,
      ground: payload.amountGround,
    });
    const d = atCounty().send('APPROVE', county, admitted.data!);
    const context = d.snapshot.context as DibaoContext;
    expect(context.decision).toMatchObject({ monthlyAmount: 1200, amountGround: payload.amountGround });
    expect(dibaoDefinition.renderNotice('approval', context).bodyZh).toContain(
      '月保障金额为1200.00元（高于按标准计算的900.00元，理由：户内有重度残疾人，按分类施保增发）'
    );
  });

  it('holds a re-check’s amount change to the benefit the re-check computed', () => {
    const RECHECK_TIMER = 'xstate.after.recheckDue.dibao.inPayment.receiving';
    const d = atCounty().send('APPROVE', county, {}).fire(RECHECK_TIMER).checkCompleted({ run: 2, monthlyAmount: 600 });
    const tooMuch = admit(d, 'CHANGE_BENEFIT_AMOUNT', { monthlyAmount: 901, ground: '维持原额' });
    expect(tooMuch.issues).toEqual([{ path: ['monthlyAmount'], message: expect.stringContaining('上限900.00元') }]);
    expect(admit(d, 'CHANGE_BENEFIT_AMOUNT', { monthlyAmount: 600, ground: '收入增加' }).issues).toEqual([]);
  });

  it('describes the payload without a case (OpenAPI): the shapes alone', () => {
    const schema = dibaoDefinition.eventPayloads(nationalRules).APPROVE!;
    expect(schema.safeParse({ monthlyAmount: 99_999 }).success).toBe(true);
  });
});

describe('decided amounts / 特困 approval', () => {
  const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.tekun.publicNotice';
  const notSampled = (() => {
    for (let i = 0; ; i += 1) {
      const caseId = `TK-379901-amount${i}`;
      if (!drawHomeCheckSample({ caseId, county: testOrgs.county, period: '2026-11', ratio: 0.3 }).sampled) {
        return caseId;
      }
    }
  })();
  /** At the county, assessed as partly unable to care for oneself (standard 1500 by default). */
  const atCounty = () =>
    tekunDriver({ caseId: notSampled })
      .send('ACCEPT', window)
      .send('RECORD_HOME_VISIT', township, homeVisit)
      .checkCompleted({ monthlyAmount: null })
      .send('PROPOSE_APPROVAL', township, { opinion: '符合条件' })
      .fire(NOTICE_TIMER)
      .send('RECORD_SELF_CARE_ASSESSMENT', county, { unableItems: ['bathing'], assessedOn: '2026-11-25' });
  const standard = tekunRules().supportStandard.value.partlyUnable;
  const approval = (monthlyAmount: number, extra = {}) => ({ monthlyAmount, supportMode: 'dispersed', ...extra });

  it('takes the support standard for the care level with no ground', () => {
    expect(admit(atCounty(), 'APPROVE', approval(standard)).issues).toEqual([]);
  });

  it('asks a ground above the standard, and refuses more than its ceiling', () => {
    expect(admit(atCounty(), 'APPROVE', approval(standard + 100)).issues.map((i) => i.path[0])).toEqual([
      'amountGround',
    ]);
    const ceiling = Math.floor(standard * tekunRules().approvedAmount.maxMultipleOfReference!.value);
    const over = admit(atCounty(), 'APPROVE', approval(ceiling + 1, { amountGround: '需专人护理' }));
    expect(over.issues.map((i) => i.path[0])).toEqual(['monthlyAmount']);
  });

  it('shows the ground on the approval notice', () => {
    const admitted = admit(atCounty(), 'APPROVE', approval(standard + 100, { amountGround: '需专人护理' }));
    const d = atCounty().send('APPROVE', county, admitted.data!);
    const body = tekunDefinition.renderNotice('approval', d.snapshot.context as TekunContext).bodyZh;
    expect(body).toContain('（高于救助供养标准，理由：需专人护理）');
  });
});

describe('decided amounts / temporary help', () => {
  const NOTICE_TIMER = 'xstate.after.publicNoticePeriod.temporaryHelp.publicNotice';
  const claimed = 800; // the driver's claim
  const ceiling = temporaryHelpRules().approvedAmount.ceiling!.value;

  it('helps first up to the claimed amount with no ground; above it with one, never above the ceiling', () => {
    const d = temporaryHelpDriver();
    expect(admit(d, 'HELP_FIRST', { amount: claimed, circumstances: '火灾' }).issues).toEqual([]);
    expect(admit(d, 'HELP_FIRST', { amount: 3000, circumstances: '火灾' }).issues.map((i) => i.path[0])).toEqual([
      'amountGround',
    ]);
    const over = admit(d, 'HELP_FIRST', { amount: ceiling + 1, amountGround: '伤情严重', circumstances: '车祸' });
    expect(over.issues.map((i) => i.path[0])).toEqual(['amount']);
  });

  it('holds an approval’s stages, its own or the proposal’s, to the claim; the notice shows the ground', () => {
    const d = temporaryHelpDriver()
      .send('ACCEPT', window)
      .send('RECORD_HOME_VISIT', township, homeVisit)
      .checkCompleted()
      .send('PROPOSE_APPROVAL', township, { opinion: '医疗支出大', stages: [{ amount: 600 }, { amount: 300 }] })
      .fire(NOTICE_TIMER);
    expect(admit(d, 'APPROVE', {}).issues.map((i) => i.path[0])).toEqual(['amountGround']);
    expect(admit(d, 'APPROVE', { stages: [{ amount: 800 }] }).issues).toEqual([]);
    const admitted = admit(d, 'APPROVE', { amountGround: '后续治疗费用增加' });
    d.send('APPROVE', township, admitted.data!);
    const body = temporaryHelpDefinition.renderNotice('approval', d.snapshot.context as TemporaryHelpContext).bodyZh;
    expect(body).toContain('（高于申请金额800.00元，理由：后续治疗费用增加）');
  });
});
