/** What staff see for each temporary-help event, clock and timer. */
import { dataCheckEventLabelsZh, intakeEventLabelsZh } from '../shared/eventLabels.zh';
import type { TemporaryHelpDeadline } from './chart';
import type { TemporaryHelpEventType } from './events';

export const temporaryHelpEventLabelsZh: Record<TemporaryHelpEventType, string> = {
  ...intakeEventLabelsZh,
  ...dataCheckEventLabelsZh,
  HELP_FIRST: '先行救助（急难情形）',
  RECORD_EMERGENCY_PAPERWORK: '补办先行救助手续',
  RECORD_HOME_VISIT: '登记入户调查',
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
