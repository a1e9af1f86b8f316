import type { Finding } from '../../definitions/eligibility';
import { eligibilityResultSchema, evaluateTekun } from '../../definitions/eligibility';
import type { Application } from '../../definitions/shared/application';
import { maskResidentId } from '../../definitions/shared/identity';
import type { SupporterInput } from '../../definitions/shared/supporters';
import {
  aHousehold,
  aMember,
  aSupporter,
  aTekunHousehold,
  ON_DATE,
  records,
  testEligibilityRules,
} from '../support/households';

const rules = testEligibilityRules();
const evaluate = (application: Application, findings: Finding[] = []) => {
  const result = evaluateTekun({ application, findings, rules, onDate: ON_DATE });
  expect(eligibilityResultSchema.parse(result)).toEqual(result);
  return result;
};
const passed = (result: ReturnType<typeof evaluateTekun>, rule: string) =>
  result.checks.find((c) => c.rule === rule)?.passed;

const elderly = () => aMember({ name: '王奶奶', birthDate: '1950-03-01', employment: 'retired' });

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

describe('特困 eligibility / supporters (第四条第三项, 第七条)', () => {
  const supporterRule = (application: Application, findings: Finding[] = []) => {
    const result = evaluate(application, findings);
    return { result, check: result.checks.find((c) => c.rule === 'tekun.noAbleSupporter')! };
  };
  const withSupporters = (...supporters: SupporterInput[]) => aTekunHousehold([elderly()], supporters);

  it('passes when the applicant declares no supporters', () => {
    const { result, check } = supporterRule(withSupporters());
    expect(check.passed).toBe(true);
    expect(check.explanationZh).toBe('申请人声明无法定赡养、抚养、扶养义务人。');
    expect(result.eligible).toBe(true);
  });

  it('fails when a supporter is able to support, and explains it with the supporter’s figures, id masked', () => {
    const son = aSupporter({ name: '王大', birthDate: '1975-01-01', ableToSupport: true, monthlyIncome: 5000 });
    const { result, check } = supporterRule(withSupporters(son));
    expect(result.eligible).toBe(false);
    expect(result.summaryZh).toContain('无法定义务人或义务人无履行义务能力');
    expect(check.passed).toBe(false);
    expect(check.explanationZh).toBe(
      `王大（子女，赡养义务人，${maskResidentId(son.idNumber)}）：月收入5000.00元（申报），` +
        '金融资产0.00元（申报，限额36000.00元）；申报有履行义务能力。'
    );
    expect(check.figures).toEqual(
      expect.arrayContaining([
        { name: 'ableSupporters', labelZh: '有履行义务能力的义务人', value: 1, unit: '人' },
        { name: 'supporter1MonthlyIncome', labelZh: '义务人1月收入', value: 5000, unit: '元/月' },
        { name: 'supporterAssetLimit', labelZh: '义务人金融资产限额', value: 36_000, unit: '元' },
      ])
    );
    expect(check.ruleSource).toContain('《特困人员认定办法》（民政部，2021年） 第七条第（三）项');
    expect(check.ruleSource).toContain('《中华人民共和国民法典》第一千零六十七条');
    expect(JSON.stringify(result)).not.toContain(son.idNumber);
  });

  it('passes when every supporter is unable: one in 特困 support, one aged 75 with low income and assets', () => {
    const inSupport = aSupporter({ name: '王大', receivesAssistance: 'tekun' });
    const spouse = aSupporter({
      name: '李老太',
      birthDate: '1951-05-01',
      kinship: 'spouse',
      obligation: 'mutualSupport',
      monthlyIncome: 2000,
      deposits: 10_000,
    });
    const { result, check } = supporterRule(withSupporters(inSupport, spouse));
    expect(check.passed).toBe(true);
    expect(result.eligible).toBe(true);
    expect(check.explanationZh).toContain('无履行义务能力：本人为特困人员（第七条第一项）');
    expect(check.explanationZh).toContain('李老太（配偶，扶养义务人');
    expect(check.explanationZh).toContain('无履行义务能力：75岁，本人收入和财产均在规定以内（第七条第三项）');
  });

  it('an elderly supporter is unable only with yearly income below last year’s per-capita disposable income', () => {
    const old = { birthDate: '1954-01-01', kinship: 'spouse', obligation: 'mutualSupport' } as const;
    expect(passed(evaluate(withSupporters(aSupporter({ ...old, monthlyIncome: 2999 }))), 'tekun.noAbleSupporter')).toBe(
      true
    );
    // 3000 a month is 36 000 a year: not below the figure.
    const { check } = supporterRule(withSupporters(aSupporter({ ...old, monthlyIncome: 3000 })));
    expect(check.passed).toBe(false);
    expect(check.explanationZh).toContain('申报无履行义务能力，但本人年收入不低于2025年居民人均可支配收入');
  });

  it('an elderly supporter whose verified deposits exceed 36 months of the dibao line is able', () => {
    const supporter = aSupporter({ birthDate: '1950-06-01', monthlyIncome: 1000 });
    const { check } = supporterRule(withSupporters(supporter), [records.deposit(supporter, 36_000.01)]);
    expect(check.passed).toBe(false);
    expect(check.explanationZh).toContain('金融资产36000.01元（核对，限额36000.00元）');
    expect(check.explanationZh).toContain('本人金融资产超过限额');
    expect(check.sources).toHaveLength(1);
  });

  it('a working-age supporter declared unable without a ground of 第七条 is able', () => {
    const { check } = supporterRule(withSupporters(aSupporter({ monthlyIncome: 800 })));
    expect(check.passed).toBe(false);
    expect(check.explanationZh).toContain('申报无履行义务能力，但不属第七条所列情形，认定有履行义务能力');
  });

  it('a supporter registered dead is no supporter', () => {
    const son = aSupporter({ ableToSupport: true, monthlyIncome: 5000 });
    const { check } = supporterRule(withSupporters(son), [records.death(son)]);
    expect(check.passed).toBe(true);
    expect(check.figures).toContainEqual({ name: 'supporters', labelZh: '法定义务人', value: 0, unit: '人' });
  });

  it('a severely disabled supporter with low income, or an elderly dibao recipient, cannot support', () => {
    const disabled = aSupporter({ disability: 'severe', monthlyIncome: 2000 });
    expect(passed(evaluate(withSupporters(disabled)), 'tekun.noAbleSupporter')).toBe(true);
    const dibao = aSupporter({ birthDate: '1960-01-01', receivesAssistance: 'dibao' });
    expect(passed(evaluate(withSupporters(dibao)), 'tekun.noAbleSupporter')).toBe(true);
  });

  it('a supporter’s verified income replaces the declared one', () => {
    const supporter = aSupporter({ birthDate: '1950-06-01', monthlyIncome: 1000 });
    const { check } = supporterRule(withSupporters(supporter), [records.wage(supporter, 6000, 'tax')]);
    expect(check.passed).toBe(false);
    expect(check.explanationZh).toContain('月收入6000.00元（核对）');
  });

  it('records about supporters never count as the household’s own income or assets', () => {
    const supporter = aSupporter({ receivesAssistance: 'tekun' });
    const result = evaluate(withSupporters(supporter), [
      records.wage(supporter, 6000),
      records.deposit(supporter, 500_000),
    ]);
    expect(result.eligible).toBe(true);
  });

  it('an application that never listed supporters says so for the investigation', () => {
    const { check } = supporterRule(aHousehold([elderly()]));
    expect(check.passed).toBe(true);
    expect(check.explanationZh).toBe('申请未填报法定赡养、抚养、扶养义务人情况，请在调查中核实。');
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
