/**
 * Temporary help, expense-driven (支出型临时救助): household per-capita income below last year's
 * local per-capita disposable income and property within the local rules (社会救助暂行办法 第四十七条;
 * 民发〔2018〕23号). Emergency help (急难型) skips the check altogether and is not evaluated here.
 * No I/O: runs inside the workflow sandbox.
 */
import { assetChecks } from './assets';
import type { EvaluationInput } from './household';
import { dibaoLineFor, viewHousehold } from './household';
import { declarationCheck, deceasedMembersCheck } from './householdChecks';
import type { IncomeLimit } from './income';
import { householdIncome, incomeBelowCheck } from './income';
import { toFen } from './money';
import { conclude } from './outcome';
import type { EligibilityResult } from './result';
import type { EligibilityRules, Settlement } from './rules';

/** Last year's per-capita disposable income that applies to the household, per year. */
export function disposableIncomeFor(rules: EligibilityRules, settlement: Settlement = 'urban'): IncomeLimit {
  const rural = settlement === 'rural' ? rules.temporaryHelp.ruralPerCapitaDisposableIncome : undefined;
  const figure = rural ?? rules.temporaryHelp.perCapitaDisposableIncome;
  return {
    fen: toFen(figure.value.annual),
    months: 12,
    name: 'perCapitaDisposableIncome',
    labelZh: `${figure.value.year}年${rural ? '农村' : ''}居民人均可支配收入`,
    source: figure.source,
  };
}

export function evaluateTemporaryHelp(input: EvaluationInput): EligibilityResult {
  const { application, rules, onDate } = input;
  const view = viewHousehold(input);
  const income = householdIncome(view, application.declared, rules);
  const checks = [
    deceasedMembersCheck(view),
    incomeBelowCheck(income, disposableIncomeFor(rules, input.settlement), {
      rule: 'income.belowDisposableIncome',
      labelZh: '家庭人均收入低于上年度当地居民人均可支配收入',
    }),
    ...assetChecks(view, application, rules, dibaoLineFor(rules, input.settlement)),
    declarationCheck(view, application, rules),
  ];
  return conclude({ program: 'temporaryHelp', onDate, view, checks });
}
