/**
 * The Chinese names of the personal-data reads the access log records, with no run-time imports,
 * so the console can show them without the schemas (disclosure.ts re-exports them). No I/O.
 */
import type { AccessKind } from './disclosure';

export const accessKindLabelsZh: Record<AccessKind, string> = {
  caseView: '案件详情',
  verificationReport: '家庭经济状况核对报告',
  integrity: '诚信档案（承诺书、失信记录、风险预警）',
  household: '家庭申请',
  referral: '转介事项',
  bankFile: '代发文件',
  temporalPayloads: '工作流数据（经 Temporal 界面解密）',
};
