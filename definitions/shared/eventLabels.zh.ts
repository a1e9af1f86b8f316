/**
 * What staff see for the events every program shares (受理, 入户调查, 经济状况核对, 任务回退), keyed
 * like the shared payloads in eventFields.ts; each program adds its own events' labels.
 */
import type { dataCheckEventPayloads, intakeEventPayloads } from './eventFields';

export const intakeEventLabelsZh: Record<keyof typeof intakeEventPayloads, string> = {
  REQUEST_MISSING_MATERIALS: '一次性告知缺少材料',
  SUPPLY_MATERIALS: '补交材料',
  ACCEPT: '受理申请',
  DECLINE: '不予受理',
  WITHDRAW: '申请人撤回申请',
};

export const dataCheckEventLabelsZh: Record<keyof typeof dataCheckEventPayloads, string> = {
  DATA_CHECK_COMPLETED: '经济状况核对完成',
  RERUN_DATA_CHECK: '重新发起经济状况核对',
  OBJECT_TO_CHECK: '对核对结果提出异议',
  UPHOLD_CHECK_RESULT: '维持核对结果',
  OVERTURN_CHECK_RESULT: '复查后认定核对通过',
};
