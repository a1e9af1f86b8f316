/**
 * The Chinese names of what made a dishonesty record, with no run-time imports, so the console can
 * show them without the rest of the register's logic. No I/O.
 */
import type { DishonestySource } from './dishonesty';

export const dishonestySourceLabelsZh: Record<DishonestySource, string> = {
  dataCheck: '信息核对发现未申报财产',
  homeVisit: '入户调查结论不属实',
  fraudDecision: '审批认定骗取救助',
  manual: '监督人员登记',
};
