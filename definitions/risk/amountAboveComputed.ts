/**
 * Rule (f): a decision set an amount above the one the case's rules give — the benefit the check
 * computed, the support standard for the care level, the amount the household claimed. Allowed with a
 * written ground and within the county's ceiling, but a supervisor should see it: the warning names
 * both amounts, the ground and who decided. Read from the decision's own audit line, where the
 * event recorded the amount's basis (`amountBasis`, definitions/shared/decidedAmount.ts), and raised
 * with that line rather than by the sweep. No I/O.
 */
import { formatYuan, toFen } from '../eligibility/money';
import { amountBasisSchema } from '../shared/decidedAmount';
import type { RiskWarning } from './facts';

/** A recorded decision, as its audit line holds it. */
export interface RecordedDecision {
  caseId: string;
  seq: number;
  event: string;
  actor: { userId: string; role: string; org: string };
  payload: Record<string, unknown>;
}

const yuan = (amount: number) => `${formatYuan(toFen(amount))}元`;

export function amountAboveComputedWarnings(decision: RecordedDecision): RiskWarning[] {
  const parsed = amountBasisSchema.safeParse(decision.payload.amountBasis);
  if (!parsed.success || !parsed.data.aboveReference) return [];
  const basis = parsed.data;
  const against =
    basis.referenceAmount === null
      ? `本案${basis.referenceLabelZh}`
      : `${basis.referenceLabelZh}${yuan(basis.referenceAmount)}`;
  const ceiling = basis.ceiling === null ? '' : `（上限${yuan(basis.ceiling)}）`;
  return [
    {
      rule: 'amountAboveComputed',
      severity: 'medium',
      subject: { kind: 'case', key: decision.caseId },
      caseId: decision.caseId,
      relatedCaseIds: [],
      dedupKey: `amountAboveComputed|${decision.caseId}|${decision.seq}`,
      explanationZh:
        `核定金额${yuan(basis.amount)}高于${against}${ceiling}，理由：${basis.ground ?? '未填写'}。` +
        '请核实理由是否充分、金额是否符合本地规定。',
      details: {
        event: decision.event,
        seq: decision.seq,
        amount: basis.amount,
        referenceAmount: basis.referenceAmount,
        ceiling: basis.ceiling,
        ground: basis.ground,
        decidedBy: decision.actor.userId,
      },
    },
  ];
}
