/**
 * Rule (b): a member the civil-affairs registry records as dead, in a household that is receiving
 * the benefit: the household size (and so the amount) must be corrected, and payments for a dead
 * person stopped. An application not yet approved is the data check's matter (it flags the member
 * itself), not a warning. No I/O.
 */
import { maskResidentId } from '../shared/identity';
import type { CaseFacts, RiskWarning } from './facts';

export function deceasedMemberReceivingWarnings(facts: CaseFacts): RiskWarning[] {
  if (!facts.receiving) return [];
  return facts.members.flatMap((member) => {
    const death = facts.deaths.find((d) => d.idNumber === member.idNumber);
    if (!death) return [];
    return [
      {
        rule: 'deceasedMemberReceiving' as const,
        severity: 'high' as const,
        subject: { kind: 'person' as const, key: member.idNumber },
        caseId: facts.caseId,
        relatedCaseIds: [],
        dedupKey: `deceasedMemberReceiving|${member.idNumber}|${death.reference}`,
        explanationZh:
          `家庭成员${member.name}（${maskResidentId(member.idNumber)}）已由民政部门登记死亡（${death.date}，` +
          `记录号${death.reference}），该户仍在享受救助，请核减家庭人数和保障金额。`,
        details: { deathDate: death.date, reference: death.reference },
      },
    ];
  });
}
