/** What staff see for each 特困 event, clock and timer. */
import type { TekunDeadline } from './chart';
import type { TekunEventType } from './events';

export const tekunEventLabelsZh: Record<TekunEventType, string> = {
  REQUEST_MISSING_MATERIALS: '一次性告知缺少材料',
  SUPPLY_MATERIALS: '补交材料',
  ACCEPT: '受理申请',
  DECLINE: '不予受理',
  WITHDRAW: '申请人撤回申请',
  RECORD_HOME_VISIT: '登记入户调查',
  DATA_CHECK_COMPLETED: '经济状况核对完成',
  RERUN_DATA_CHECK: '重新发起经济状况核对',
  OBJECT_TO_CHECK: '对核对结果提出异议',
  UPHOLD_CHECK_RESULT: '维持核对结果',
  OVERTURN_CHECK_RESULT: '复查后认定核对通过',
  RECORD_COMMUNITY_REVIEW: '登记民主评议',
  PROPOSE_APPROVAL: '初审拟同意',
  PROPOSE_REJECTION: '初审拟不同意',
  FILE_NOTICE_OBJECTION: '登记公示异议',
  REINVESTIGATE: '重新调查',
  RECORD_COUNTY_HOME_CHECK: '登记县级抽查入户核查',
  RECORD_SELF_CARE_ASSESSMENT: '登记生活自理能力评估',
  APPROVE: '审核确认（同意）',
  REJECT: '不予认定',
  SEND_BACK: '退回上一环节',
  DELIVER_REJECTION_NOTICE: '送达不予认定通知书',
  PROPOSE_TERMINATION: '拟终止供养',
  FILE_TERMINATION_OBJECTION: '登记终止公示异议',
  CONFIRM_TERMINATION: '审核后终止供养',
  CANCEL_TERMINATION: '审核后继续供养',
};

export const tekunDeadlineLabelsZh: Record<TekunDeadline, string> = {
  townshipReview: '乡镇调查及初审',
  revisedOpinion: '公示异议处理后重新提出意见',
  countyDecision: '县级审核确认',
  rejectionNotice: '书面通知不予认定理由',
  terminationDecision: '终止公示异议审核',
};

export const tekunTimerLabelsZh: Record<string, string> = {
  publicNoticePeriod: '公示期满',
  terminationNoticePeriod: '终止公示期满',
  dataCheckRetry: '自动重新核对未答复的部门',
};

export const referralSuggestionLabelsZh = {
  dibao: '符合条件的，纳入最低生活保障',
  temporaryHelp: '符合条件的，给予临时救助',
  none: '无转介建议',
} as const;
