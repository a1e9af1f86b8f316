/** What staff see for each 特困 event, clock and timer. */
import { dataCheckEventLabelsZh, intakeEventLabelsZh } from '../shared/eventLabels.zh';
import type { TekunDeadline } from './chart';
import type { TekunEventType } from './events';

export const tekunEventLabelsZh: Record<TekunEventType, string> = {
  ...intakeEventLabelsZh,
  ...dataCheckEventLabelsZh,
  RECORD_HOME_VISIT: '登记入户调查',
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
