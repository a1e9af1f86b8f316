/**
 * The household as the rules see it: who is listed, who still lives (members registered dead by
 * civil affairs are not counted), which findings concern it (each source record once), and which
 * line applies. Also the evaluation input every program shares.
 * No I/O: runs inside the workflow sandbox.
 */
import type { Application, Member } from '../shared/application';
import type { Finding } from './findings';
import type { EligibilityRules, Settlement } from './rules';
import { toFen } from './money';

/**
 * The parts of the application form the rules read (the program field does not matter here); the
 * 特困 supporters where the form declares them.
 */
export type HouseholdForm = Pick<Application, 'household' | 'declared'> & Partial<Pick<Application, 'tekun'>>;

export interface EvaluationInput {
  application: HouseholdForm;
  /** Everything the data sources reported; records about people outside the household are ignored. */
  findings: readonly Finding[];
  /** Resolved for the case's county on the day of application (see `resolveEligibilityRules`). */
  rules: EligibilityRules;
  /** 'YYYY-MM-DD': ages and registrations are taken on this day. Never read from a clock. */
  onDate: string;
  /** Urban unless said otherwise; matters only where the county has a rural line. */
  settlement?: Settlement;
}

export interface DeceasedMember {
  member: Member;
  finding: Finding;
}

export interface HouseholdView {
  listed: Member[];
  living: Member[];
  deceased: DeceasedMember[];
  /** Findings about listed members (living or not) or the household as a whole, each record once. */
  findings: Finding[];
}

export const normaliseId = (id: string): string => id.trim().toUpperCase();

/** Same source and reference is the same record, however often a retried query returned it. */
export function distinctFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.sourceId}\u0000${f.reference}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function findingsAbout(findings: readonly Finding[], idNumber: string): Finding[] {
  const id = normaliseId(idNumber);
  return findings.filter((f) => f.memberIdNumber !== undefined && normaliseId(f.memberIdNumber) === id);
}

export function viewHousehold(input: EvaluationInput): HouseholdView {
  const listed = input.application.household.members;
  const ids = new Set(listed.map((m) => normaliseId(m.idNumber)));
  const findings = distinctFindings(input.findings).filter(
    (f) => f.memberIdNumber === undefined || ids.has(normaliseId(f.memberIdNumber))
  );
  const deceased: DeceasedMember[] = [];
  const living: Member[] = [];
  for (const member of listed) {
    const death = findingsAbout(findings, member.idNumber).find(
      (f) => f.kind === 'death' && (f.date === undefined || f.date <= input.onDate)
    );
    if (death) deceased.push({ member, finding: death });
    else living.push(member);
  }
  return { listed, living, deceased, findings };
}

/** Full years of age on a date, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export interface AppliedLine {
  fen: number;
  source: string;
  labelZh: string;
}

/** The dibao line for the household: the rural one where configured and the household is rural. */
export function dibaoLineFor(rules: EligibilityRules, settlement: Settlement = 'urban'): AppliedLine {
  const rural = settlement === 'rural' ? rules.ruralDibaoLine : undefined;
  const figure = rural ?? rules.dibaoLine;
  return {
    fen: toFen(figure.value),
    source: figure.source,
    labelZh: rural ? '农村最低生活保障标准' : '最低生活保障标准',
  };
}
