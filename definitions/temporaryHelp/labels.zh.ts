/** What staff see for each temporary-help event, clock and timer. */
import type { TemporaryHelpDeadline } from './chart';
import type { TemporaryHelpEventType } from './events';

export const temporaryHelpEventLabelsZh: Record<TemporaryHelpEventType, string> = {
  REQUEST_MISSING_MATERIALS: '一次性告知缺少材料',
  SUPPLY_MATERIALS: '补交材料',
  ACCEPT: '受理申请',
  DECLINE: '不予受理',
  WITHDRAW: '申请人撤回申请',
  HELP_FIRST: '先行救助（急难情形）',
  RECORD_EMERGENCY_PAPERWORK: '补办先行救助手续',
  RECORD_HOME_VISIT: '登记入户调查',
  DATA_CHECK_COMPLETED: '经济状况核对完成',
  RERUN_DATA_CHECK: '重新发起经济状况核对',
  OBJECT_TO_CHECK: '对核对结果提出异议',
  UPHOLD_CHECK_RESULT: '维持核对结果',
  OVERTURN_CHECK_RESULT: '复查后认定核对通过',
  PROPOSE_APPROVAL: '审核拟同意（含分阶段金额）',
  PROPOSE_REJECTION: '审核拟不同意',
  FILE_NOTICE_OBJECTION: '登记公示异议',
  APPROVE: '审批同意',
  REFER_TO_COUNTY: '报送县级审批',
  REJECT: '不予救助',
  SEND_BACK: '退回上一环节',
  RECORD_STAGE_PAYMENT: '登记分阶段发放',
};

export const temporaryHelpDeadlineLabelsZh: Record<TemporaryHelpDeadline, string> = {
  townshipReview: '乡镇审核',
  approval: '审批',
  emergencyPaperwork: '先行救助后补办手续',
};

export const temporaryHelpTimerLabelsZh: Record<string, string> = {
  publicNoticePeriod: '公示期满',
  dataCheckRetry: '自动重新核对未答复的部门',
};

export const claimKindLabelsZh = { expense: '支出型', emergency: '急难型' } as const;
