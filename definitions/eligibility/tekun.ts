/**
 * 特困人员 eligibility (《特困人员认定办法》; 社会救助暂行办法 第十四条): every member counted is
 * elderly, a minor or severely disabled; none has capacity to work; no legally obliged supporter
 * (法定赡养、抚养、扶养义务人, declared on the form) is able to support them (`tekunSupporters.ts`);
 * income below the dibao line; property within the local rules.
 * No I/O: runs inside the workflow sandbox.
 */
import type { Member } from '../shared/application';
import { assetChecks } from './assets';
import { lineLimit } from './dibao';
import type { EvaluationInput } from './household';
import { ageOn, dibaoLineFor, distinctFindings, findingsAbout, viewHousehold } from './household';
import { declarationCheck, deceasedMembersCheck } from './householdChecks';
import { householdIncome, incomeBelowCheck } from './income';
import { conclude } from './outcome';
import type { Check, EligibilityResult } from './result';
import type { EligibilityRules } from './rules';
import { supporterCheck } from './tekunSupporters';
import { disposableIncomeFor } from './temporaryHelp';

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

export function evaluateTekun(input: EvaluationInput): EligibilityResult {
  const { application, rules, onDate } = input;
  const view = viewHousehold(input);
  const line = dibaoLineFor(rules, input.settlement);
  const income = householdIncome(view, application.declared, rules);
  const checks = [
    deceasedMembersCheck(view),
    categoryCheck(view.living, rules, onDate),
    capacityCheck(input, view.living),
    supporterCheck(input, line, disposableIncomeFor(rules, input.settlement)),
    incomeBelowCheck(income, lineLimit(line), { rule: 'income.belowLine', labelZh: '家庭人均收入低于当地低保标准' }),
    ...assetChecks(view, application, rules, line),
    declarationCheck(view, application, rules),
  ];
  return conclude({ program: 'tekun', onDate, view, checks });
}
