/** What staff see for each referral event, clock and outcome. */
import type { ReferralDeadline } from './chart';
import type { ReferralOutcomeKind } from './context';
import type { ReferralEventType } from './events';

export const referralEventLabelsZh: Record<ReferralEventType, string> = {
  ACKNOWLEDGE: '部门签收',
  REPORT_OUTCOME: '反馈办理结果',
  RETURN: '退回乡镇（街道）',
  WITHDRAW: '撤回转介',
};

export const referralDeadlineLabelsZh: Record<ReferralDeadline, string> = {
  acknowledge: '部门签收',
  outcome: '部门办理并反馈结果',
};

export const referralOutcomeLabelsZh: Record<ReferralOutcomeKind, string> = {
  helped: '已帮扶',
  notEligible: '不符合条件',
  referredElsewhere: '已转其他部门',
};
