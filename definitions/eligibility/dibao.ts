/**
 * Dibao eligibility (最低生活保障): per-capita income strictly below the local line ("低于": a
 * household exactly at the line does not qualify) and property within the local rules
 * (社会救助暂行办法 第九条); the low-income-edge status (低保边缘) for a household that misses the
 * line but stays under the edge factor; and the monthly amount for an eligible one.
 * No I/O: runs inside the workflow sandbox.
 */
import { assetChecks } from './assets';
import type { AppliedLine, EvaluationInput } from './household';
import { dibaoLineFor, viewHousehold } from './household';
import { declarationCheck, deceasedMembersCheck } from './householdChecks';
import type { HouseholdIncome, IncomeLimit } from './income';
import { householdIncome, incomeBelow, incomeBelowCheck } from './income';
import { formatYuan, perCapitaYuan, roundToStep, toFen } from './money';
import { conclude } from './outcome';
import type { Benefit, EligibilityResult } from './result';
import type { EligibilityRules } from './rules';

export function lineLimit(line: AppliedLine): IncomeLimit {
  return { fen: line.fen, months: 1, name: 'dibaoLine', labelZh: line.labelZh, source: line.source };
}

/**
 * (line − per-capita income) × members, computed exactly as line × members − total income, then
 * rounded as the rules say and raised to the minimum payment.
 */
export function dibaoBenefit(income: HouseholdIncome, line: AppliedLine, rules: EligibilityRules): Benefit {
  const { rounding, minimumMonthly } = rules.benefit;
  const rawFen = line.fen * income.members - income.totalFen;
  const roundedFen = roundToStep(rawFen, toFen(rounding.value.step), rounding.value.mode);
  const minimumFen = toFen(minimumMonthly.value);
  const minimumApplied = roundedFen < minimumFen;
  const monthlyFen = minimumApplied ? minimumFen : roundedFen;
  const perCapita = perCapitaYuan(income.totalFen, income.members, 'down');
  const modeZh = { up: '向上', nearest: '四舍五入', down: '向下' }[rounding.value.mode];
  return {
    perCapitaIncome: perCapita,
    line: line.fen / 100,
    members: income.members,
    gap: (line.fen - Math.round(perCapita * 100)) / 100,
    monthlyAmount: monthlyFen / 100,
    minimumApplied,
    ruleSource: [...new Set([line.source, rounding.source, minimumMonthly.source])].join('；'),
    explanationZh:
      // line × members − total is (line − per-capita income) × members, without the rounded per-capita figure.
      `${line.labelZh}${formatYuan(line.fen)}元 × ${income.members}人 − 家庭月收入${formatYuan(income.totalFen)}元 = ` +
      `${formatYuan(rawFen)}元，按${rounding.value.step}元${modeZh}取整为${formatYuan(roundedFen)}元` +
      (minimumApplied ? `，低于最低发放额${formatYuan(minimumFen)}元，按最低发放额发放。` : '。'),
  };
}

export function evaluateDibao(input: EvaluationInput): EligibilityResult {
  const { application, rules, onDate } = input;
  const view = viewHousehold(input);
  const line = dibaoLineFor(rules, input.settlement);
  const income = householdIncome(view, application.declared, rules);
  const edgeLimit: IncomeLimit = {
    ...lineLimit(line),
    fen: Math.round(rules.lowIncomeEdgeFactor.value * line.fen),
    name: 'lowIncomeEdgeLine',
    labelZh: `低保边缘标准（${rules.lowIncomeEdgeFactor.value}倍）`,
    source: rules.lowIncomeEdgeFactor.source,
  };

  const incomeCheck = incomeBelowCheck(
    income,
    lineLimit(line),
    { rule: 'income.belowLine', labelZh: '家庭人均收入低于当地低保标准' },
    [{ name: edgeLimit.name, labelZh: edgeLimit.labelZh, value: edgeLimit.fen / 100, unit: '元/人/月' }]
  );
  const assets = assetChecks(view, application, rules, line);
  const checks = [deceasedMembersCheck(view), incomeCheck, ...assets, declarationCheck(view, application, rules)];
  const otherConditionsPass = checks.every((c) => c === incomeCheck || c.kind !== 'condition' || c.passed);
  const lowIncomeEdge = !incomeCheck.passed && otherConditionsPass && incomeBelow(income, edgeLimit);

  return conclude({
    program: 'dibao',
    onDate,
    view,
    checks,
    lowIncomeEdge,
    benefit: (eligible) => (eligible ? dibaoBenefit(income, line, rules) : undefined),
  });
}
