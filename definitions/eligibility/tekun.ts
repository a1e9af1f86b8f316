/**
 * 特困人员 eligibility (《特困人员认定办法》; 社会救助暂行办法 第十四条): every member counted is
 * elderly, a minor or severely disabled; none has capacity to work; no legally obliged supporter
 * (法定赡养、抚养、扶养义务人) is able to support them; income below the dibao line; property within
 * the local rules.
 *
 * A supporter counts as unable when registered dead, in 特困 support, an elderly dibao recipient,
 * declared incapacitated (无民事行为能力, missing, in prison), or old or severely disabled with own
 * income below last year's local per-capita disposable income. The supporter's own property test
 * is not modelled yet: that needs the supporter's household checked in turn.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { Member } from '../shared/application';
import { dateOnlySchema } from '../shared/dates';
import { assetChecks } from './assets';
import type { Finding } from './findings';
import { lineLimit } from './dibao';
import type { EvaluationInput } from './household';
import { ageOn, dibaoLineFor, distinctFindings, findingsAbout, viewHousehold } from './household';
import { declarationCheck, deceasedMembersCheck } from './householdChecks';
import type { IncomeLimit } from './income';
import { distinctIncomes, householdIncome, incomeBelowCheck, sumFen } from './income';
import { formatYuan, toFen } from './money';
import { conclude } from './outcome';
import type { Check, EligibilityResult } from './result';
import type { EligibilityRules } from './rules';
import { disposableIncomeFor } from './temporaryHelp';

export const supporterSchema = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1),
  relation: z.enum(['spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other']),
  birthDate: dateOnlySchema(),
  disability: z.enum(['none', 'mild', 'moderate', 'severe']).default('none'),
  /** Own monthly income as declared; a verified figure replaces it. */
  monthlyIncome: z.number().min(0).default(0),
  receivesAssistance: z.enum(['none', 'dibao', 'tekun']).default('none'),
  /** 无民事行为能力、被宣告失踪或者在监狱服刑. */
  incapacitated: z.boolean().default(false),
});
export type Supporter = z.output<typeof supporterSchema>;
export type SupporterInput = z.input<typeof supporterSchema>;

export interface TekunInput extends EvaluationInput {
  /** Legally obliged supporters outside the household; none listed means none known. */
  supporters?: readonly SupporterInput[];
}

type MemberLike = Pick<Member, 'birthDate' | 'disability'>;

function qualifyingReasonZh(member: MemberLike, rules: EligibilityRules, onDate: string): string | null {
  const age = ageOn(member.birthDate, onDate);
  if (age >= rules.tekun.elderlyAge.value) return `${age}岁，属老年人`;
  if (age < rules.tekun.minorAgeBelow.value) return `${age}岁，属未成年人`;
  if (member.disability !== 'none' && rules.tekun.qualifyingDisability.value.includes(member.disability)) {
    return `${age}岁，重度残疾`;
  }
  return null;
}

function categoryCheck(members: readonly Member[], rules: EligibilityRules, onDate: string): Check {
  const reasons = members.map((m) => ({ m, reason: qualifyingReasonZh(m, rules, onDate) }));
  const qualifying = reasons.filter((r) => r.reason !== null).length;
  const { elderlyAge, minorAgeBelow, qualifyingDisability } = rules.tekun;
  return {
    rule: 'tekun.category',
    labelZh: '属老年人、未成年人或重度残疾人',
    kind: 'condition',
    passed: members.length > 0 && qualifying === members.length,
    figures: [
      { name: 'members', labelZh: '共同生活家庭成员', value: members.length, unit: '人' },
      { name: 'qualifyingMembers', labelZh: '符合人员类别', value: qualifying, unit: '人' },
      { name: 'elderlyAge', labelZh: '老年人年龄', value: elderlyAge.value, unit: '岁' },
      { name: 'minorAgeBelow', labelZh: '未成年人年龄不满', value: minorAgeBelow.value, unit: '岁' },
    ],
    sources: [],
    ruleSource: [...new Set([elderlyAge.source, minorAgeBelow.source, qualifyingDisability.source])].join('；'),
    explanationZh: `${reasons.map(({ m, reason }) => `${m.name}：${reason ?? `${ageOn(m.birthDate, onDate)}岁，不属老年人、未成年人或重度残疾人`}`).join('；')}。`,
  };
}

function capacityCheck(input: EvaluationInput, members: readonly Member[]): Check {
  const { rules, onDate } = input;
  const findings = distinctFindings(input.findings);
  const lines: string[] = [];
  const sources: string[] = [];
  let able = 0;
  for (const member of members) {
    const deemed = qualifyingReasonZh(member, rules, onDate);
    const work = findingsAbout(findings, member.idNumber).filter(
      (f) =>
        (f.kind === 'socialInsurance' && f.category === 'employment') ||
        (['income', 'tax'].includes(f.kind) && (f.category === 'wage' || f.category === 'business'))
    );
    if (deemed !== null) lines.push(`${member.name}：${deemed}，视为无劳动能力`);
    else if (work.length > 0) {
      able += 1;
      sources.push(...work.map((f) => f.reference));
      lines.push(`${member.name}：核对到就业或经营记录（${work.map((f) => f.detail).join('、')}）`);
    } else if (member.seriousIllness) lines.push(`${member.name}：患重病，视为无劳动能力`);
    else {
      able += 1;
      lines.push(`${member.name}：不属法定无劳动能力情形`);
    }
  }
  return {
    rule: 'tekun.noCapacityToWork',
    labelZh: '无劳动能力',
    kind: 'condition',
    passed: members.length > 0 && able === 0,
    figures: [{ name: 'ableMembers', labelZh: '有劳动能力的成员', value: able, unit: '人' }],
    sources,
    ruleSource: rules.tekun.elderlyAge.source,
    explanationZh: `${lines.join('；')}。`,
  };
}

interface SupporterAssessment {
  monthlyFen: number;
  /** Why the supporter cannot support; null when able. */
  unableBecause: string | null;
  references: string[];
}

/** Whether one legally obliged supporter is able to support, and from which records. */
function assessSupporter(
  supporter: Supporter,
  findings: readonly Finding[],
  rules: EligibilityRules,
  onDate: string,
  disposable: IncomeLimit
): SupporterAssessment {
  const about = findingsAbout(findings, supporter.idNumber);
  const death = about.find((f) => f.kind === 'death');
  const kinds = new Set<string>(rules.income.countedKinds.value);
  const counted = distinctIncomes(about.filter((f) => kinds.has(f.kind) && f.amount !== undefined));
  const monthlyFen = counted.length > 0 ? sumFen(counted) : toFen(supporter.monthlyIncome);
  const references = [...(death ? [death.reference] : []), ...counted.map((f) => f.reference)];

  const lowIncome = monthlyFen * 12 < disposable.fen;
  const age = ageOn(supporter.birthDate, onDate);
  const { disability, receivesAssistance } = supporter;
  const severe = disability !== 'none' && rules.tekun.qualifyingDisability.value.includes(disability);
  const reasons: [boolean, string][] = [
    [death !== undefined, '已登记死亡'],
    [receivesAssistance === 'tekun', '本人为特困人员'],
    [receivesAssistance === 'dibao' && age >= rules.tekun.elderlyAge.value, `${age}岁低保对象`],
    [supporter.incapacitated, '无民事行为能力、被宣告失踪或在监狱服刑'],
    [lowIncome && age >= rules.tekun.supporterUnableAge.value, `${age}岁且本人收入低于上年人均可支配收入`],
    [lowIncome && severe, '重度残疾且本人收入低于上年人均可支配收入'],
  ];
  return { monthlyFen, unableBecause: reasons.find(([applies]) => applies)?.[1] ?? null, references };
}

function supporterCheck(input: TekunInput): Check {
  const { rules, onDate } = input;
  const supporters = (input.supporters ?? []).map((s) => supporterSchema.parse(s));
  const findings = distinctFindings(input.findings);
  const disposable = disposableIncomeFor(rules, input.settlement);
  const assessed = supporters.map((s) => ({ s, ...assessSupporter(s, findings, rules, onDate, disposable) }));
  const able = assessed.filter((a) => a.unableBecause === null).length;
  const lines = assessed.map(
    ({ s, monthlyFen, unableBecause }) =>
      `${s.name}（月收入${formatYuan(monthlyFen)}元）：${unableBecause ? `无履行义务能力，${unableBecause}` : '有履行义务能力'}`
  );
  const sources = assessed.flatMap((a) => a.references);
  return {
    rule: 'tekun.noAbleSupporter',
    labelZh: '无法定义务人或义务人无履行义务能力',
    kind: 'condition',
    passed: able === 0,
    figures: [
      { name: 'supporters', labelZh: '法定义务人', value: supporters.length, unit: '人' },
      { name: 'ableSupporters', labelZh: '有履行义务能力的义务人', value: able, unit: '人' },
      { name: 'supporterUnableAge', labelZh: '义务人年龄', value: rules.tekun.supporterUnableAge.value, unit: '岁' },
      { name: 'perCapitaDisposableIncome', labelZh: disposable.labelZh, value: disposable.fen / 100, unit: '元/人/年' },
    ],
    sources,
    ruleSource: [...new Set([rules.tekun.supporterUnableAge.source, disposable.source])].join('；'),
    explanationZh: supporters.length === 0 ? '申请未填报法定赡养、抚养、扶养义务人。' : `${lines.join('；')}。`,
  };
}

export function evaluateTekun(input: TekunInput): EligibilityResult {
  const { application, rules, onDate } = input;
  const view = viewHousehold(input);
  const line = dibaoLineFor(rules, input.settlement);
  const income = householdIncome(view, application.declared, rules);
  const checks = [
    deceasedMembersCheck(view),
    categoryCheck(view.living, rules, onDate),
    capacityCheck(input, view.living),
    supporterCheck(input),
    incomeBelowCheck(income, lineLimit(line), { rule: 'income.belowLine', labelZh: '家庭人均收入低于当地低保标准' }),
    ...assetChecks(view, application, rules, line),
    declarationCheck(view, application, rules),
  ];
  return conclude({ program: 'tekun', onDate, view, checks });
}
