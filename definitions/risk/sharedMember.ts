/**
 * Rule (a): a person listed in this application is also in another active case — of the same
 * program (a duplicate application: one household, one dibao) or of a different household (one
 * person cannot live in two households). The same household in two programs is allowed
 * (dibao and temporary help together), so that is not a finding. No I/O.
 */
import { maskResidentId } from '../shared/identity';
import type { CaseFacts, OtherCase, RiskWarning } from './facts';

const sameHousehold = (other: OtherCase, ownIds: ReadonlySet<string>): boolean =>
  other.members.length === ownIds.size && other.members.every((m) => ownIds.has(m.idNumber));

export function sharedMemberWarnings(facts: CaseFacts): RiskWarning[] {
  const ownIds = new Set(facts.members.map((m) => m.idNumber));
  const warnings: RiskWarning[] = [];
  for (const member of facts.members) {
    const others = facts.otherActiveCases.filter((c) => c.members.some((m) => m.idNumber === member.idNumber));
    const sameProgram = others.filter((c) => c.program === facts.program);
    const otherHousehold = others.filter((c) => c.program !== facts.program && !sameHousehold(c, ownIds));
    const related = [...sameProgram, ...otherHousehold].map((c) => c.caseId).sort();
    if (related.length === 0) continue;
    const parts = [
      sameProgram.length > 0 ? `同一救助项目的在办案件${sameProgram.length}件（${ids(sameProgram)}）` : null,
      otherHousehold.length > 0 ? `其他家庭的在办案件${otherHousehold.length}件（${ids(otherHousehold)}）` : null,
    ].filter((p): p is string => p !== null);
    warnings.push({
      rule: 'sharedMember',
      severity: 'high',
      subject: { kind: 'person', key: member.idNumber },
      caseId: facts.caseId,
      relatedCaseIds: related,
      dedupKey: `sharedMember|${member.idNumber}|${related.join(',')}`,
      explanationZh:
        `家庭成员${member.name}（${maskResidentId(member.idNumber)}）同时出现在${parts.join('、')}中，` +
        '请核实是否重复申请或重复计入家庭成员。',
      details: {
        sameProgramCaseIds: sameProgram.map((c) => c.caseId),
        otherHouseholdCaseIds: otherHousehold.map((c) => c.caseId),
      },
    });
  }
  return warnings;
}

const ids = (cases: OtherCase[]) => cases.map((c) => c.caseId).join('、');
