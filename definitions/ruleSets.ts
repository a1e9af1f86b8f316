/**
 * Every set of figures the rules configuration holds, by its program key: each program's own (its
 * deadlines and limits) and the shared ones (eligibility standards, risk thresholds, payment
 * settings), with the built-in entries and the schema a complete set must pass. What the rules view
 * lists; a county's rules file may override any of them. No I/O.
 */
import type { z } from 'zod';
import { programDefinitions } from './index';
import { ELIGIBILITY_RULES_PROGRAM, eligibilityConfigEntries, eligibilityRulesSchema } from './eligibility';
import { PAYMENT_RULES_PROGRAM, paymentConfigEntries, paymentRulesSchema } from './payments';
import { RISK_RULES_PROGRAM, riskConfigEntries, riskRulesSchema } from './risk';
import type { ConfigEntry } from './shared/rulesConfig';

export interface RuleSet {
  program: string;
  labelZh: string;
  builtIn: readonly ConfigEntry[];
  schema: z.ZodType;
}

export const ruleSets: readonly RuleSet[] = [
  ...programDefinitions.map((d) => ({
    program: d.program,
    labelZh: d.labelZh,
    builtIn: d.configEntries,
    schema: d.rulesSchema as z.ZodType,
  })),
  {
    program: ELIGIBILITY_RULES_PROGRAM,
    labelZh: '认定标准与收入核算',
    builtIn: eligibilityConfigEntries,
    schema: eligibilityRulesSchema,
  },
  { program: RISK_RULES_PROGRAM, labelZh: '风险预警与诚信档案', builtIn: riskConfigEntries, schema: riskRulesSchema },
  { program: PAYMENT_RULES_PROGRAM, labelZh: '资金发放', builtIn: paymentConfigEntries, schema: paymentRulesSchema },
];

export const ruleSetPrograms = ruleSets.map((s) => s.program);

export function ruleSetOf(program: string): RuleSet | undefined {
  return ruleSets.find((s) => s.program === program);
}
