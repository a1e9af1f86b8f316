/** What staff see for each dibao event and clock. */
import { dataCheckEventLabelsZh, intakeEventLabelsZh } from '../shared/eventLabels.zh';
import type { DibaoDeadline } from './chart';
import type { DibaoEventType } from './events';

export const dibaoEventLabelsZh: Record<DibaoEventType, string> = {
  ...intakeEventLabelsZh,
  ...dataCheckEventLabelsZh,
  RECORD_HOME_VISIT: '登记入户调查',
  PROPOSE_APPROVAL: '初审拟同意',
  PROPOSE_REJECTION: '初审拟不同意',
  FILE_NOTICE_OBJECTION: '登记公示异议',
  REINVESTIGATE: '重新调查',
  RECORD_COMMUNITY_REVIEW: '登记民主评议',
  RECORD_COUNTY_HOME_VISIT: '登记县级入户核查',
  APPROVE: '审核确认（同意）',
  REJECT: '不予确认',
  SEND_BACK: '退回上一环节',
  DELIVER_REJECTION_NOTICE: '送达不予确认通知书',
  TERMINATE: '终止保障',
  EXTEND_TIME_LIMIT: '延长办理时限',
  REPORT_CHANGE: '登记家庭情况变化',
  CONTINUE_BENEFIT: '复核后继续保障',
  CHANGE_BENEFIT_AMOUNT: '复核后调整保障金额',
  START_PHASE_OUT: '复核后进入渐退期',
};

export const dibaoDeadlineLabelsZh: Record<DibaoDeadline, string> = {
  investigationStart: '受理后启动入户调查',
  dataCheck: '经济状况核对',
  countyDecision: '县级审核确认',
  rejectionNotice: '书面通知不予确认理由',
  overall: '受理至审核确认总时限',
  overallExtended: '受理至审核确认总时限（已延长）',
};

export const dibaoTimerLabelsZh: Record<string, string> = {
  publicNoticePeriod: '公示期满',
  dataCheckRetry: '自动重新核对未答复的部门',
  recheckDue: '定期复核到期',
  phaseOutEnd: '渐退期满',
};
