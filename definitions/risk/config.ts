/**
 * Figures the risk rules and the integrity register use, as configuration with provenance (program
 * 'risk' in the rules configuration, so a county overrides them in its rules file like any other
 * figure). None of these figures is set by national law: they are local defaults for the county
 * to confirm, and their source says so. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { ConfigEntry } from '../shared/rulesConfig';
import { resolveRules, sourced } from '../shared/rulesConfig';

export const RISK_RULES_PROGRAM = 'risk';

export const riskRulesSchema = z.object({
  temporaryHelp: z.object({
    /** The program key temporary-help cases and payments are recorded under. */
    program: sourced(z.string().min(1)),
    /** How far back payments count, in months. */
    windowMonths: sourced(z.number().int().positive()),
    /** More grants than this within the window raise a warning. */
    maxCount: sourced(z.number().int().min(0)),
    /** A total above this (yuan) within the window raises a warning. */
    maxAmount: sourced(z.number().min(0)),
  }),
  dishonesty: z.object({
    /** How long a dishonesty record stays on the household's file, in months. */
    expiryMonths: sourced(z.number().int().positive()),
  }),
});
export type RiskRules = z.infer<typeof riskRulesSchema>;

const TEMPORARY = '《民政部 财政部关于进一步加强和改进临时救助工作的意见》（民发〔2018〕23号）';
const REFORM = '《关于改革完善社会救助制度的意见》（2020年）“全面推行守信承诺和失信记录制度”';
const TO_CONFIRM = '（默认值，待县级民政部门核实确认）';
const FROM = '2021-07-01';

const figure = (value: unknown, source: string) => ({ value, source, effectiveFrom: FROM });

export const riskConfigEntries: ConfigEntry[] = [
  {
    program: RISK_RULES_PROGRAM,
    scope: '',
    effectiveFrom: FROM,
    rules: {
      temporaryHelp: {
        program: figure('temporaryHelp', `${TEMPORARY} 临时救助项目${TO_CONFIRM}`),
        windowMonths: figure(12, `${TEMPORARY} 同一家庭重复申请临时救助的监测期${TO_CONFIRM}`),
        maxCount: figure(2, `${TEMPORARY} 12个月内临时救助次数预警线${TO_CONFIRM}`),
        maxAmount: figure(10_000, `${TEMPORARY} 12个月内临时救助累计金额预警线（元）${TO_CONFIRM}`),
      },
      dishonesty: {
        expiryMonths: figure(36, `${REFORM}；失信记录保存期限${TO_CONFIRM}`),
      },
    },
  },
];

/** The risk figures in force for a county on a date (built-in defaults, then the local entries). */
export function resolveRiskRules(county: string, onDate: string, extra: readonly ConfigEntry[] = []): RiskRules {
  return resolveRules([...riskConfigEntries, ...extra], riskRulesSchema, RISK_RULES_PROGRAM, county, onDate);
}
