/**
 * Rule (e): the payee account of this case is also the account of another active case whose
 * household has no member in common with this one: benefits of unrelated households paid into one
 * account. No I/O.
 */
import type { CaseFacts, RiskWarning } from './facts';

/** '6222********1234': enough for staff to compare, not enough to pay into. */
const maskAccount = (account: string) => `${account.slice(0, 4)}****${account.slice(-4)}`;

export function sharedPayeeAccountWarnings(facts: CaseFacts): RiskWarning[] {
  const account = facts.payeeAccount;
  if (account === null) return [];
  const ownIds = new Set(facts.members.map((m) => m.idNumber));
  const unrelated = facts.otherActiveCases.filter(
    (c) => c.payeeAccount === account && !c.members.some((m) => ownIds.has(m.idNumber))
  );
  if (unrelated.length === 0) return [];
  const related = unrelated.map((c) => c.caseId).sort();
  return [
    {
      rule: 'sharedPayeeAccount',
      severity: 'high',
      subject: { kind: 'account', key: account },
      caseId: facts.caseId,
      relatedCaseIds: related,
      dedupKey: `sharedPayeeAccount|${account}|${related.join(',')}`,
      explanationZh:
        `收款账户${maskAccount(account)}同时是${unrelated.length}户无共同成员家庭的收款账户（${related.join('、')}），` +
        '请核实是否代领、冒领。',
      details: { households: unrelated.length + 1 },
    },
  ];
}
