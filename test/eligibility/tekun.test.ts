import type { Finding, SupporterInput } from '../../definitions/eligibility';
import { eligibilityResultSchema, evaluateTekun } from '../../definitions/eligibility';
import type { Application } from '../../definitions/shared/application';
import { aHousehold, aMember, ON_DATE, records, testEligibilityRules } from '../support/households';

const rules = testEligibilityRules();
const evaluate = (application: Application, findings: Finding[] = [], supporters: SupporterInput[] = []) => {
  const result = evaluateTekun({ application, findings, rules, onDate: ON_DATE, supporters });
  expect(eligibilityResultSchema.parse(result)).toEqual(result);
  return result;
};
const passed = (result: ReturnType<typeof evaluateTekun>, rule: string) =>
  result.checks.find((c) => c.rule === rule)?.passed;

const elderly = () => aMember({ name: '王奶奶', birthDate: '1950-03-01', employment: 'retired' });
const aChild = (overrides: Partial<SupporterInput> = {}): SupporterInput => ({
  name: '王大',
  idNumber: aMember({ birthDate: '1975-01-01' }).idNumber,
  relation: 'child',
  birthDate: '1975-01-01',
  ...overrides,
});

describe('特困 eligibility / who qualifies', () => {
  it('an elderly person living alone, without income or supporters, is eligible', () => {
    const result = evaluate(aHousehold([elderly()]));
    expect(result.eligible).toBe(true);
    expect(result.summaryZh).toBe('符合特困人员救助供养条件。');
  });

  it('qualifies from the 60th birthday, not the day before', () => {
    expect(passed(evaluate(aHousehold([aMember({ birthDate: '1966-12-01' })])), 'tekun.category')).toBe(true);
    expect(passed(evaluate(aHousehold([aMember({ birthDate: '1966-12-02' })])), 'tekun.category')).toBe(false);
  });

  it('a minor qualifies until the 16th birthday', () => {
    expect(passed(evaluate(aHousehold([aMember({ birthDate: '2010-12-02' })])), 'tekun.category')).toBe(true);
    expect(passed(evaluate(aHousehold([aMember({ birthDate: '2010-12-01' })])), 'tekun.category')).toBe(false);
  });

  it('a severely disabled adult qualifies; a moderately disabled one does not', () => {
    expect(evaluate(aHousehold([aMember({ disability: 'severe' })])).eligible).toBe(true);
    const moderate = evaluate(aHousehold([aMember({ disability: 'moderate' })]));
    expect(moderate.eligible).toBe(false);
    expect(passed(moderate, 'tekun.category')).toBe(false);
  });

  it('every counted member must qualify: a working-age member in the household is not in 特困 support', () => {
    const result = evaluate(aHousehold([elderly(), aMember({ name: '王二' })]));
    expect(passed(result, 'tekun.category')).toBe(false);
    expect(result.checks.find((c) => c.rule === 'tekun.category')?.explanationZh).toContain(
      '王二：46岁，不属老年人、未成年人或重度残疾人'
    );
  });
});

describe('特困 eligibility / no capacity to work', () => {
  it('a seriously ill adult has no capacity to work, although not in a qualifying category', () => {
    const result = evaluate(aHousehold([aMember({ seriousIllness: true })]));
    expect(passed(result, 'tekun.noCapacityToWork')).toBe(true);
    expect(passed(result, 'tekun.category')).toBe(false);
  });

  it('an employment record contradicts a working-age member’s declared incapacity', () => {
    const a = aMember({ seriousIllness: true, employment: 'unableToWork' });
    const employment = records.employment(a);
    const result = evaluate(aHousehold([a]), [employment]);
    expect(passed(result, 'tekun.noCapacityToWork')).toBe(false);
    expect(result.checks.find((c) => c.rule === 'tekun.noCapacityToWork')?.sources).toEqual([employment.reference]);
  });
});

describe('特困 eligibility / supporters', () => {
  it('a supporter able to support disqualifies', () => {
    const result = evaluate(aHousehold([elderly()]), [], [aChild({ monthlyIncome: 5000 })]);
    expect(result.eligible).toBe(false);
    expect(passed(result, 'tekun.noAbleSupporter')).toBe(false);
  });

  it('a supporter registered dead is no supporter', () => {
    const child = aMember({ birthDate: '1975-01-01' });
    const result = evaluate(
      aHousehold([elderly()]),
      [records.death(child)],
      [aChild({ idNumber: child.idNumber, monthlyIncome: 5000 })]
    );
    expect(passed(result, 'tekun.noAbleSupporter')).toBe(true);
  });

  it('an elderly supporter with income below the local per-capita disposable income cannot support', () => {
    const old = { birthDate: '1954-01-01', relation: 'spouse' as const };
    expect(
      passed(evaluate(aHousehold([elderly()]), [], [aChild({ ...old, monthlyIncome: 2999 })]), 'tekun.noAbleSupporter')
    ).toBe(true);
    // 3000 a month is 36 000 a year: not below the figure.
    expect(
      passed(evaluate(aHousehold([elderly()]), [], [aChild({ ...old, monthlyIncome: 3000 })]), 'tekun.noAbleSupporter')
    ).toBe(false);
  });

  it('a severely disabled supporter with low income, or one in 特困 support, cannot support', () => {
    expect(
      passed(
        evaluate(aHousehold([elderly()]), [], [aChild({ disability: 'severe', monthlyIncome: 2000 })]),
        'tekun.noAbleSupporter'
      )
    ).toBe(true);
    expect(
      passed(evaluate(aHousehold([elderly()]), [], [aChild({ receivesAssistance: 'tekun' })]), 'tekun.noAbleSupporter')
    ).toBe(true);
  });

  it('a supporter’s verified income replaces the declared one', () => {
    const child = aMember({ birthDate: '1950-06-01' });
    const supporter = aChild({ idNumber: child.idNumber, birthDate: '1950-06-01', monthlyIncome: 1000 });
    const result = evaluate(aHousehold([elderly()]), [records.wage(child, 6000, 'tax')], [supporter]);
    expect(passed(result, 'tekun.noAbleSupporter')).toBe(false);
  });
});

describe('特困 eligibility / means of living', () => {
  it('income at or above the dibao line disqualifies', () => {
    const a = elderly();
    expect(evaluate(aHousehold([a]), [records.pension(a, 1000)]).eligible).toBe(false);
    expect(evaluate(aHousehold([a]), [records.pension(a, 999.99)]).eligible).toBe(true);
  });

  it('assets over the local limits disqualify', () => {
    const a = elderly();
    const result = evaluate(aHousehold([a], { deposits: 30_000 }), [records.deposit(a, 30_000)]);
    expect(result.eligible).toBe(false);
    expect(passed(result, 'assets.financial')).toBe(false);
  });
});
