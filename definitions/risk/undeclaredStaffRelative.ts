/**
 * Rule (c): the applicant or a member is on the register of staff relatives (近亲属备案), but the
 * application did not declare it, so the case runs without the separate registration and the
 * county's own home visit the procedure requires [11][20]. No I/O.
 */
import { maskResidentId } from '../shared/identity';
import type { CaseFacts, RiskWarning } from './facts';

export function undeclaredStaffRelativeWarnings(facts: CaseFacts): RiskWarning[] {
  if (facts.closeRelativeDeclared) return [];
  return facts.members.flatMap((member) =>
    facts.staffRelatives
      .filter((entry) => entry.relativeIdNumber === member.idNumber)
      .map((entry) => ({
        rule: 'undeclaredStaffRelative' as const,
        severity: 'medium' as const,
        subject: { kind: 'person' as const, key: member.idNumber },
        caseId: facts.caseId,
        relatedCaseIds: [],
        dedupKey: `undeclaredStaffRelative|${member.idNumber}|${entry.staffUserId}`,
        explanationZh:
          `${member.name}（${maskResidentId(member.idNumber)}）是工作人员${entry.staffName}（${entry.staffOrg}）` +
          `的${entry.relation}，申请未作近亲属备案，请单独登记备案并由县级入户核查。`,
        details: { staffUserId: entry.staffUserId, staffName: entry.staffName, staffOrg: entry.staffOrg },
      }))
  );
}
