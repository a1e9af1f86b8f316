/**
 * Household income, member by member, and the income tests built on it.
 *
 * Which figure counts for a member:
 * - A member some source reports income for (any counted kind) is measured by the verified records
 *   only; what the household declared for that member is not added. Verified beats declared.
 * - The same income reported by two departments (a wage in social security and in tax records) is
 *   one income: per member, records are grouped by category and the highest figure of each group
 *   counts, so nothing is counted twice and the public purse gets the more cautious figure.
 * - A member no source reports income for is measured by their own declared monthly income.
 * - Income the household declared without naming a member (declared total above the sum of the
 *   members' own figures) counts only when no source reported any income for the household: once a
 *   source has spoken, that unattributed figure may well be the same money, and counting it again
 *   would be wrong. The explanation then names it, so the home visit can ask about it.
 * Members registered dead count for neither income nor household size.
 * No I/O: runs inside the workflow sandbox.
 */
import type { Member } from '../shared/application';
import type { Finding } from './findings';
import { findingKindLabelsZh } from './findings';
import type { HouseholdView } from './household';
import { findingsAbout } from './household';
import { formatYuan, perCapitaYuan, toFen } from './money';
import type { Check } from './result';
import type { EligibilityRules } from './rules';
import { sourceLabelsZh } from './sources';

export interface MemberIncome {
  member: Member;
  basis: 'verified' | 'declared';
  fen: number;
  /** The records that make up `fen` (empty when declared). */
  counted: Finding[];
}

export interface HouseholdIncome {
  totalFen: number;
  members: number;
  perMember: MemberIncome[];
  /** Verified income recorded for the household as a whole (no member named). */
  householdLevelFen: number;
  /** Declared without naming a member. */
  unattributedDeclaredFen: number;
  unattributedCounted: boolean;
  counted: Finding[];
}

/** Highest record per category (or kind) among the income records given. */
export function distinctIncomes(records: readonly Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const record of records) {
    const key = record.category ?? record.kind;
    const current = best.get(key);
    if (!current || (record.amount ?? 0) > (current.amount ?? 0)) best.set(key, record);
  }
  return [...best.values()];
}

export const sumFen = (records: readonly Finding[]): number =>
  records.reduce((acc, r) => acc + toFen(r.amount ?? 0), 0);

export function householdIncome(
  view: HouseholdView,
  declared: { monthlyIncome: number },
  rules: EligibilityRules
): HouseholdIncome {
  const kinds = new Set<string>(rules.income.countedKinds.value);
  const incomeRecords = view.findings.filter((f) => kinds.has(f.kind) && f.amount !== undefined);

  const perMember = view.living.map((member): MemberIncome => {
    const records = findingsAbout(incomeRecords, member.idNumber);
    if (records.length === 0) return { member, basis: 'declared', fen: toFen(member.monthlyIncome), counted: [] };
    const counted = distinctIncomes(records);
    return { member, basis: 'verified', fen: sumFen(counted), counted };
  });
  const householdLevel = distinctIncomes(incomeRecords.filter((f) => f.memberIdNumber === undefined));
  const householdLevelFen = sumFen(householdLevel);

  const attributedFen = view.listed.reduce((acc, m) => acc + toFen(m.monthlyIncome), 0);
  const unattributedDeclaredFen = Math.max(0, toFen(declared.monthlyIncome) - attributedFen);
  const anyVerified = householdLevel.length > 0 || perMember.some((m) => m.basis === 'verified');
  const unattributedCounted = !anyVerified && unattributedDeclaredFen > 0;

  const totalFen =
    perMember.reduce((acc, m) => acc + m.fen, 0) +
    householdLevelFen +
    (unattributedCounted ? unattributedDeclaredFen : 0);
  return {
    totalFen,
    members: view.living.length,
    perMember,
    householdLevelFen,
    unattributedDeclaredFen,
    unattributedCounted,
    counted: [...perMember.flatMap((m) => m.counted), ...householdLevel],
  };
}

function describeRecord(record: Finding): string {
  return `${findingKindLabelsZh[record.kind]}${formatYuan(toFen(record.amount ?? 0))}元（${sourceLabelsZh[record.sourceId]}，记录号${record.reference}）`;
}

/** One line per member, saying which figure counted and why. */
export function describeIncomeZh(income: HouseholdIncome): string {
  const lines = income.perMember.map((m) =>
    m.basis === 'verified'
      ? `${m.member.name}：按核对数据计${formatYuan(m.fen)}元/月（${m.counted.map(describeRecord).join('、')}）`
      : `${m.member.name}：无部门收入记录，按申报计${formatYuan(m.fen)}元/月`
  );
  if (income.householdLevelFen > 0) lines.push(`家庭整体核对收入${formatYuan(income.householdLevelFen)}元/月`);
  if (income.unattributedDeclaredFen > 0) {
    lines.push(
      income.unattributedCounted
        ? `未分摊到成员的申报收入${formatYuan(income.unattributedDeclaredFen)}元/月已计入`
        : `未分摊到成员的申报收入${formatYuan(income.unattributedDeclaredFen)}元/月因已有核对数据未计入，请入户调查时核实`
    );
  }
  return lines.join('；');
}

/** A monthly per-person limit, possibly given per year: income passes when below it. */
export interface IncomeLimit {
  /** Limit per person over `months` months, in fen (an annual figure has months = 12). */
  fen: number;
  months: number;
  name: string;
  labelZh: string;
  source: string;
}

/** Per-capita income strictly below the limit ("低于"): exactly at the limit does not pass. */
export function incomeBelow(income: HouseholdIncome, limit: IncomeLimit): boolean {
  return income.members > 0 && income.totalFen * limit.months < limit.fen * income.members;
}

export function incomeBelowCheck(
  income: HouseholdIncome,
  limit: IncomeLimit,
  check: { rule: string; labelZh: string },
  extraFigures: Check['figures'] = []
): Check {
  const passed = incomeBelow(income, limit);
  const perCapita = perCapitaYuan(income.totalFen, income.members, 'down');
  const monthlyLimit = Math.round(limit.fen / limit.months) / 100;
  const limitText =
    limit.months === 1
      ? `${limit.labelZh}${formatYuan(limit.fen)}元/人/月`
      : `${limit.labelZh}${formatYuan(limit.fen)}元/人/年（折合每月${monthlyLimit.toFixed(2)}元）`;
  const verdict = passed ? '低于' : '不低于';
  return {
    ...check,
    kind: 'condition',
    passed,
    figures: [
      { name: 'totalMonthlyIncome', labelZh: '家庭月收入合计', value: income.totalFen / 100, unit: '元/月' },
      { name: 'members', labelZh: '共同生活家庭成员', value: income.members, unit: '人' },
      { name: 'perCapitaIncome', labelZh: '家庭人均月收入', value: perCapita, unit: '元/人/月' },
      { name: limit.name, labelZh: limit.labelZh, value: monthlyLimit, unit: '元/人/月' },
      ...extraFigures,
    ],
    sources: income.counted.map((f) => f.reference),
    ruleSource: limit.source,
    explanationZh:
      income.members === 0
        ? '没有可计入的共同生活家庭成员，无法计算人均收入。'
        : `家庭月收入合计${formatYuan(income.totalFen)}元，共同生活家庭成员${income.members}人，人均${perCapita.toFixed(2)}元，${verdict}${limitText}。${describeIncomeZh(income)}。`,
  };
}
