/**
 * Rule (d): the household received temporary help more often, or more in total, than the county's
 * figures allow within the window (default 12 months). Grants are counted per case; the caller
 * passes the grants within the window. No I/O.
 */
import { formatYuan, toFen } from '../eligibility/money';
import type { RiskRules } from './config';
import type { CaseFacts, RiskWarning } from './facts';

export function repeatedTemporaryHelpWarnings(facts: CaseFacts, rules: RiskRules): RiskWarning[] {
  const { windowMonths, maxCount, maxAmount } = rules.temporaryHelp;
  const grants = facts.temporaryHelpGrants;
  const totalFen = grants.reduce((acc, g) => acc + toFen(g.amount), 0);
  const overCount = grants.length > maxCount.value;
  const overAmount = totalFen > toFen(maxAmount.value);
  if (!overCount && !overAmount) return [];
  const related = grants.map((g) => g.caseId).sort();
  const limits = [
    overCount ? `超过${maxCount.value}次（${maxCount.source}）` : null,
    overAmount ? `超过${formatYuan(toFen(maxAmount.value))}元（${maxAmount.source}）` : null,
  ].filter((p): p is string => p !== null);
  return [
    {
      rule: 'repeatedTemporaryHelp',
      severity: 'medium',
      subject: { kind: 'person', key: facts.applicant.idNumber },
      caseId: facts.caseId,
      relatedCaseIds: related.filter((id) => id !== facts.caseId),
      dedupKey: `repeatedTemporaryHelp|${facts.applicant.idNumber}|${related.join(',')}`,
      explanationZh:
        `该户近${windowMonths.value}个月内获得临时救助${grants.length}次、累计${formatYuan(totalFen)}元，` +
        `${limits.join('，')}，请核实是否重复救助。`,
      details: { count: grants.length, totalAmount: totalFen / 100, windowMonths: windowMonths.value },
    },
  ];
}
