import type { EvaluationInput, Finding } from '../../definitions/eligibility';
import { eligibilityResultSchema, evaluateDibao, evaluateTemporaryHelp } from '../../definitions/eligibility';
import type { Application } from '../../definitions/shared/application';
import { aHousehold, aMember, ON_DATE, records, testEligibilityRules } from '../support/households';

const rules = testEligibilityRules();
const evaluate = (application: Application, findings: Finding[] = [], extra: Partial<EvaluationInput> = {}) => {
  const result = evaluateTemporaryHelp({ application, findings, rules, onDate: ON_DATE, ...extra });
  expect(eligibilityResultSchema.parse(result)).toEqual(result);
  return result;
};

describe('temporary help / income test', () => {
  it('per-capita income below last year’s per-capita disposable income (36 000 a year) qualifies', () => {
    const [a, b] = [aMember(), aMember()];
    const result = evaluate(aHousehold([a, b]), [records.wage(a, 5999.99)]);
    expect(result.eligible).toBe(true);
    const income = result.checks.find((c) => c.rule === 'income.belowDisposableIncome');
    expect(income?.explanationZh).toContain('低于2025年居民人均可支配收入36000.00元/人/年（折合每月3000.00元）');
    expect(result.benefit).toBeUndefined();
  });

  it('exactly at the figure does not qualify', () => {
    const [a, b] = [aMember(), aMember()];
    expect(evaluate(aHousehold([a, b]), [records.wage(a, 6000)]).eligible).toBe(false);
  });

  it('a household over the dibao line can still get temporary help', () => {
    const a = aMember();
    const application = aHousehold([a]);
    const findings = [records.wage(a, 1500)];
    expect(evaluateDibao({ application, findings, rules, onDate: ON_DATE }).eligible).toBe(false);
    expect(evaluate(application, findings).eligible).toBe(true);
  });

  it('a rural household is measured against the rural figure', () => {
    const a = aMember();
    expect(evaluate(aHousehold([a]), [records.wage(a, 2500)], { settlement: 'rural' }).eligible).toBe(false);
  });

  it('assets over the local limits disqualify', () => {
    const a = aMember();
    const result = evaluate(aHousehold([a], { vehicles: 1 }), [records.vehicle(a, 'passengerCar', 120_000)]);
    expect(result.eligible).toBe(false);
    expect(result.summaryZh).toBe('不符合临时救助条件：家庭无规定以外的机动车辆未通过。');
  });
});
