/**
 * The Chinese names of the risk rules, warning states and moves, with no run-time imports, so the
 * console can show them without the schemas (facts.ts and warningStates.ts re-export them).
 * No I/O.
 */
import type { RiskRule } from './facts';
import type { WarningMove, WarningState } from './warningStates';

export const riskRuleLabelsZh: Record<RiskRule, string> = {
  sharedMember: '同一人员重复在办',
  deceasedMemberReceiving: '死亡人员仍在享受救助',
  undeclaredStaffRelative: '工作人员近亲属未备案',
  repeatedTemporaryHelp: '重复临时救助',
  sharedPayeeAccount: '无关家庭共用收款账户',
  amountAboveComputed: '核定金额高于计算标准',
};

export const warningStateLabelsZh: Record<WarningState, string> = {
  open: '待处理',
  acknowledged: '已签收核查中',
  resolved: '已办结',
};

export const warningMoveLabelsZh: Record<WarningMove, string> = { acknowledge: '签收', resolve: '办结' };
