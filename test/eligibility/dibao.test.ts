import type { EvaluationInput, Finding } from '../../definitions/eligibility';
import { eligibilityResultSchema, evaluateDibao } from '../../definitions/eligibility';
import type { Application } from '../../definitions/shared/application';
import { aHousehold, aMember, ON_DATE, records, testEligibilityRules } from '../support/households';

const rules = testEligibilityRules();
const evaluate = (application: Application, findings: Finding[] = [], extra: Partial<EvaluationInput> = {}) => {
  const result = evaluateDibao({ application, findings, rules, onDate: ON_DATE, ...extra });
  // Every result is a valid instance of the published schema.
  expect(eligibilityResultSchema.parse(result)).toEqual(result);
  return result;
};
const check = (result: ReturnType<typeof evaluateDibao>, rule: string) => {
  const found = result.checks.find((c) => c.rule === rule);
  if (!found) throw new Error(`no check ${rule}`);
  return found;
};
const figure = (c: { figures: { name: string; value: number }[] }, name: string) =>
  c.figures.find((f) => f.name === name)?.value;

describe('dibao eligibility / income', () => {
  it('a household below the line is eligible, with the figures and records that decided it', () => {
    const [a, b, c] = [aMember({ name: '张三' }), aMember({ name: '李四' }), aMember({ name: '张小三' })];
    const wage = records.wage(a, 1200);
    const result = evaluate(aHousehold([a, b, c]), [wage]);
    expect(result.eligible).toBe(true);
    const income = check(result, 'income.belowLine');
    expect(income.passed).toBe(true);
    expect(figure(income, 'totalMonthlyIncome')).toBe(1200);
    expect(figure(income, 'perCapitaIncome')).toBe(400);
    expect(figure(income, 'dibaoLine')).toBe(1000);
    expect(income.sources).toEqual([wage.reference]);
    expect(income.ruleSource).toBe('测试县：便于手工验算的整数标准');
    expect(income.explanationZh).toContain('人均400.00元，低于最低生活保障标准1000.00元/人/月');
    expect(income.explanationZh).toContain('张三：按核对数据计1200.00元/月');
    expect(income.explanationZh).toContain('李四：无部门收入记录，按申报计0.00元/月');
  });

  it('a household exactly at the line is not eligible ("低于" the line qualifies, equal does not)', () => {
    const [a, b] = [aMember(), aMember()];
    const result = evaluate(aHousehold([a, b]), [records.wage(a, 2000)]);
    expect(result.eligible).toBe(false);
    expect(check(result, 'income.belowLine').explanationZh).toContain('不低于');
    expect(result.benefit).toBeUndefined();
  });

  it('a household one fen below the line is eligible, even where the per-capita figure is not a whole fen', () => {
    const [a, b, c] = [aMember(), aMember(), aMember()];
    expect(evaluate(aHousehold([a, b]), [records.wage(a, 1999.99)]).eligible).toBe(true);
    // 2999.99 / 3 = 999.9966…: below the line, compared exactly rather than as a rounded float,
    // and shown rounded down so the figure staff read is below the line too.
    const threeMembers = evaluate(aHousehold([a, b, c]), [records.wage(a, 2999.99)]);
    expect(threeMembers.eligible).toBe(true);
    expect(figure(check(threeMembers, 'income.belowLine'), 'perCapitaIncome')).toBe(999.99);
    expect(threeMembers.benefit).toMatchObject({ perCapitaIncome: 999.99, gap: 0.01 });
  });

  it('the verified figure replaces what the household declared for that member', () => {
    const a = aMember({ monthlyIncome: 2000 });
    const result = evaluate(aHousehold([a], { monthlyIncome: 2000 }), [records.pension(a, 500)]);
    expect(figure(check(result, 'income.belowLine'), 'totalMonthlyIncome')).toBe(500);
  });

  it('declared income is used for a member no source reports on', () => {
    const [a, b] = [aMember(), aMember({ monthlyIncome: 300 })];
    const result = evaluate(aHousehold([a, b], { monthlyIncome: 300 }), [records.wage(a, 600)]);
    expect(figure(check(result, 'income.belowLine'), 'totalMonthlyIncome')).toBe(900);
  });

  it('the same wage reported by social security and by tax counts once, at the higher figure', () => {
    const a = aMember();
    const result = evaluate(aHousehold([a]), [records.wage(a, 1500), records.wage(a, 1600, 'tax')]);
    const income = check(result, 'income.belowLine');
    expect(figure(income, 'totalMonthlyIncome')).toBe(1600);
    expect(income.sources).toHaveLength(1);
  });

  it('different incomes of one member add up', () => {
    const a = aMember({ birthDate: '1955-01-01' });
    const result = evaluate(aHousehold([a]), [records.pension(a, 700), records.wage(a, 400)]);
    expect(figure(check(result, 'income.belowLine'), 'totalMonthlyIncome')).toBe(1100);
  });

  it('household income declared without naming a member counts only while no source reported income', () => {
    const [a, b] = [aMember(), aMember()];
    const household = aHousehold([a, b], { monthlyIncome: 900 });
    expect(figure(check(evaluate(household), 'income.belowLine'), 'totalMonthlyIncome')).toBe(900);
    const withPension = check(evaluate(household, [records.pension(b, 200)]), 'income.belowLine');
    expect(figure(withPension, 'totalMonthlyIncome')).toBe(200);
    expect(withPension.explanationZh).toContain('未分摊到成员的申报收入900.00元/月因已有核对数据未计入');
  });

  it('a rural household is measured against the rural line', () => {
    const a = aMember();
    const household = aHousehold([a]);
    expect(evaluate(household, [records.wage(a, 900)]).eligible).toBe(true);
    const rural = evaluate(household, [records.wage(a, 900)], { settlement: 'rural' });
    expect(rural.eligible).toBe(false);
    expect(figure(check(rural, 'income.belowLine'), 'dibaoLine')).toBe(800);
  });
});

describe('dibao eligibility / low-income edge', () => {
  it('a household over the line but under 1.5 × the line is a low-income-edge household', () => {
    const [a, b] = [aMember(), aMember()];
    const result = evaluate(aHousehold([a, b]), [records.wage(a, 2999.98)]);
    expect(result).toMatchObject({ eligible: false, lowIncomeEdge: true });
    expect(result.summaryZh).toContain('属于低保边缘家庭');
  });

  it('a household exactly at 1.5 × the line is not', () => {
    const [a, b] = [aMember(), aMember()];
    expect(evaluate(aHousehold([a, b]), [records.wage(a, 3000)]).lowIncomeEdge).toBe(false);
  });

  it('an eligible household is not an edge household, nor is one whose assets are over the limits', () => {
    const a = aMember();
    expect(evaluate(aHousehold([a]), [records.wage(a, 500)]).lowIncomeEdge).toBe(false);
    const rich = evaluate(aHousehold([a], { deposits: 100_000 }), [records.wage(a, 1200), records.deposit(a, 100_000)]);
    expect(rich.lowIncomeEdge).toBe(false);
  });
});

describe('dibao eligibility / assets', () => {
  it('hidden deposits above 24 months of the line per person disqualify, and are flagged as undeclared', () => {
    const a = aMember();
    const bank = records.deposit(a, 50_000);
    const result = evaluate(aHousehold([a], { deposits: 2000 }), [bank]);
    expect(result.eligible).toBe(false);
    const financial = check(result, 'assets.financial');
    expect(financial.passed).toBe(false);
    expect(figure(financial, 'perCapitaLimit')).toBe(24_000);
    expect(financial.sources).toEqual([bank.reference]);
    const declaration = check(result, 'declaration.propertyDeclared');
    expect(declaration).toMatchObject({ kind: 'flag', passed: false, sources: [bank.reference] });
    expect(declaration.explanationZh).toContain('金融资产50000.00元（申报存款2000.00元）');
    expect(result.flagged).toBe(true);
  });

  it('financial assets exactly at the per-capita limit are within it', () => {
    const [a, b] = [aMember(), aMember()];
    const result = evaluate(aHousehold([a, b], { deposits: 48_000 }), [
      records.deposit(a, 40_000),
      records.securities(b, 8000),
    ]);
    expect(check(result, 'assets.financial').passed).toBe(true);
    const oneFenOver = check(evaluate(aHousehold([a, b]), [records.deposit(a, 48_000.01)]), 'assets.financial');
    expect(oneFenOver.passed).toBe(false);
    // Shown rounded up, so the figure staff read is over the limit too.
    expect(figure(oneFenOver, 'perCapitaFinancialAssets')).toBe(24_000.01);
  });

  it('declared deposits count when no source reports any financial asset', () => {
    const a = aMember();
    expect(check(evaluate(aHousehold([a], { deposits: 30_000 })), 'assets.financial').passed).toBe(false);
  });

  it('a car above the value ceiling disqualifies; a disability vehicle or a low-value car does not', () => {
    const a = aMember();
    const car = evaluate(aHousehold([a], { vehicles: 1 }), [records.vehicle(a, 'passengerCar', 80_000)]);
    expect(car.eligible).toBe(false);
    expect(check(car, 'assets.vehicles').explanationZh).toContain('价值超过30000元');
    const exempt = evaluate(aHousehold([a], { vehicles: 2 }), [
      records.vehicle(a, 'disabilityVehicle', 60_000),
      records.vehicle(a, 'passengerCar', 30_000),
    ]);
    expect(exempt.eligible).toBe(true);
    expect(figure(check(exempt, 'assets.vehicles'), 'vehicles')).toBe(2);
  });

  it('a vehicle of unknown value cannot be counted as low-value', () => {
    const a = aMember();
    expect(
      check(evaluate(aHousehold([a], { vehicles: 1 }), [records.vehicle(a, 'truck')]), 'assets.vehicles').passed
    ).toBe(false);
  });

  it('a second property disqualifies; the home alone does not', () => {
    const [a, b] = [aMember(), aMember()];
    const one = evaluate(aHousehold([a, b], { properties: 1 }), [records.property(a)]);
    expect(one.eligible).toBe(true);
    expect(one.flagged).toBe(false);
    const two = evaluate(aHousehold([a, b], { properties: 1 }), [records.property(a), records.property(b)]);
    expect(two.eligible).toBe(false);
    expect(check(two, 'assets.housing').passed).toBe(false);
    expect(check(two, 'declaration.propertyDeclared').explanationZh).toContain('不动产2套（申报1套）');
  });

  it('a business above the capital ceiling or employing staff disqualifies; a small or closed one does not', () => {
    const a = aMember();
    const declared = { businessOwner: true };
    expect(evaluate(aHousehold([a], declared), [records.business(a, 500_000)]).eligible).toBe(false);
    expect(evaluate(aHousehold([a], declared), [records.business(a, 50_000, 2)]).eligible).toBe(false);
    expect(evaluate(aHousehold([a], declared), [records.business(a, 50_000)]).eligible).toBe(true);
    const closed = evaluate(aHousehold([a]), [records.business(a, 500_000, 3, 'deregistered')]);
    expect(closed).toMatchObject({ eligible: true, flagged: false });
  });
});

describe('dibao eligibility / members registered dead', () => {
  it('a member registered dead is not counted, and the case is flagged for staff', () => {
    const [a, b, grandfather] = [
      aMember({ name: '张三' }),
      aMember(),
      aMember({ name: '张老汉', birthDate: '1940-01-01' }),
    ];
    const death = records.death(grandfather);
    const result = evaluate(aHousehold([a, b, grandfather]), [
      death,
      records.pension(grandfather, 1500),
      records.wage(a, 800),
    ]);
    expect(result.members).toEqual({
      counted: 2,
      excluded: [{ idNumber: grandfather.idNumber, name: '张老汉', reasonZh: '民政部门已登记死亡' }],
    });
    const dead = check(result, 'household.memberRegisteredDead');
    expect(dead).toMatchObject({ kind: 'flag', passed: false, sources: [death.reference] });
    expect(dead.explanationZh).toContain('张老汉已由民政部门登记死亡（2026-03-02）');
    // The pension stopped with him: income 800 over 2 members.
    expect(figure(check(result, 'income.belowLine'), 'perCapitaIncome')).toBe(400);
    expect(result).toMatchObject({ eligible: true, flagged: true });
    expect(result.benefit).toMatchObject({ members: 2, monthlyAmount: 1200 });
  });

  it('a household whose every member is registered dead is not eligible', () => {
    const a = aMember();
    const result = evaluate(aHousehold([a]), [records.death(a)]);
    expect(result.eligible).toBe(false);
    expect(check(result, 'household.memberRegisteredDead').kind).toBe('condition');
  });

  it('a death registered after the evaluation date does not count yet', () => {
    const a = aMember();
    expect(evaluate(aHousehold([a]), [records.death(a, '2027-01-05')]).members.counted).toBe(1);
  });
});

describe('dibao eligibility / benefit', () => {
  it('pays (line − per-capita income) × members', () => {
    const [a, b, c] = [aMember(), aMember(), aMember()];
    const result = evaluate(aHousehold([a, b, c]), [records.wage(a, 1200)]);
    expect(result.benefit).toMatchObject({
      perCapitaIncome: 400,
      line: 1000,
      members: 3,
      gap: 600,
      monthlyAmount: 1800,
      minimumApplied: false,
    });
    expect(result.summaryZh).toBe('符合最低生活保障条件，月保障金1800.00元。');
    expect(result.benefit?.explanationZh).toBe(
      '最低生活保障标准1000.00元 × 3人 − 家庭月收入1200.00元 = 1800.00元，按1元向上取整为1800.00元。'
    );
  });

  it('rounds as the county configures: up to 1 yuan, to the nearest 0.1, or down', () => {
    const [a, b, c] = [aMember(), aMember(), aMember()];
    const household = aHousehold([a, b, c]);
    // 3 × 1000 − 1000.55 = 1999.45
    const amount = (rounding: unknown) =>
      evaluateDibao({
        application: household,
        findings: [records.wage(a, 1000.55)],
        rules: testEligibilityRules({
          benefit: { rounding: { value: rounding, source: '测试', effectiveFrom: '2020-01-01' } },
        }),
        onDate: ON_DATE,
      }).benefit?.monthlyAmount;
    expect(amount({ step: 1, mode: 'up' })).toBe(2000);
    expect(amount({ step: 0.1, mode: 'nearest' })).toBe(1999.5);
    expect(amount({ step: 1, mode: 'down' })).toBe(1999);
  });

  it('pays at least the minimum to an eligible household', () => {
    const [a, b] = [aMember(), aMember()];
    const result = evaluate(aHousehold([a, b]), [records.wage(a, 1990)]);
    expect(result.benefit).toMatchObject({ monthlyAmount: 30, minimumApplied: true });
    expect(result.benefit?.explanationZh).toContain('低于最低发放额30.00元');
    expect(evaluate(aHousehold([a, b]), [records.wage(a, 1999.99)]).benefit?.monthlyAmount).toBe(30);
  });
});

describe('dibao eligibility / explanation', () => {
  it('names every condition that failed in the summary', () => {
    const a = aMember();
    const result = evaluate(aHousehold([a]), [records.wage(a, 1200), records.deposit(a, 80_000)]);
    expect(result.summaryZh).toContain('家庭人均收入低于当地低保标准、家庭人均金融资产不超过规定未通过');
    expect(result.summaryZh).toContain('需人工核实：申报财产与核对结果一致');
  });

  it('ignores records about people outside the household and counts a record returned twice once', () => {
    const [a, stranger] = [aMember(), aMember()];
    const wage = records.wage(a, 300);
    const result = evaluate(aHousehold([a]), [wage, wage, records.wage(stranger, 5000)]);
    expect(figure(check(result, 'income.belowLine'), 'totalMonthlyIncome')).toBe(300);
  });
});
