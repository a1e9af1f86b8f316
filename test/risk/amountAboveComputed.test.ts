/**
 * Rule (f), an amount set above what the case's rules give: raised from the decision's audit line,
 * with both amounts, the ceiling, the ground and who decided; none for an amount within the
 * reference or for an event that set no amount.
 */
import { amountAboveComputedWarnings } from '../../definitions/risk';
import type { RecordedDecision } from '../../definitions/risk';

const decision = (amountBasis: unknown): RecordedDecision => ({
  caseId: 'DB-379901-1',
  seq: 9,
  event: 'APPROVE',
  actor: { userId: 'county-01', role: 'county', org: '379901' },
  payload: { monthlyAmount: 1200, amountBasis },
});

const basis = {
  amount: 1200,
  referenceAmount: 900,
  referenceLabelZh: '核对计算的保障金额',
  ceiling: 1350,
  aboveReference: true,
  ground: '户内有重度残疾人',
};

describe('risk / an amount above what the rules give', () => {
  it('warns on the case, naming both amounts, the ceiling, the ground and the decider', () => {
    const warnings = amountAboveComputedWarnings(decision(basis));
    expect(warnings).toEqual([
      {
        rule: 'amountAboveComputed',
        severity: 'medium',
        subject: { kind: 'case', key: 'DB-379901-1' },
        caseId: 'DB-379901-1',
        relatedCaseIds: [],
        dedupKey: 'amountAboveComputed|DB-379901-1|9',
        explanationZh:
          '核定金额1200.00元高于核对计算的保障金额900.00元（上限1350.00元），理由：户内有重度残疾人。' +
          '请核实理由是否充分、金额是否符合本地规定。',
        details: {
          event: 'APPROVE',
          seq: 9,
          amount: 1200,
          referenceAmount: 900,
          ceiling: 1350,
          ground: '户内有重度残疾人',
          decidedBy: 'county-01',
        },
      },
    ]);
  });

  it('warns where the case had no reference amount at all', () => {
    const [warning] = amountAboveComputedWarnings(
      decision({ ...basis, referenceAmount: null, referenceLabelZh: '无核定金额', ceiling: 3000 })
    );
    expect(warning?.explanationZh).toContain('高于本案无核定金额（上限3000.00元）');
  });

  it('raises nothing for an amount within the reference, or an event without an amount basis', () => {
    expect(amountAboveComputedWarnings(decision({ ...basis, amount: 900, aboveReference: false }))).toEqual([]);
    expect(amountAboveComputedWarnings(decision(undefined))).toEqual([]);
    expect(amountAboveComputedWarnings(decision({ amount: 'x' }))).toEqual([]);
  });
});
