/**
 * What a chart's state nodes declare about themselves in `meta`, read by the engine:
 * who the step waits for and which legal clock runs while it is active. The chart declares; the
 * workflow turns the declaration into due dates and owners. No I/O: runs inside the workflow sandbox.
 */
import type { Role } from './actors';

export interface StepMeta<TDeadlineKey extends string = string> {
  /** The role whose decision the step waits for (the step's owner). */
  owner?: Role;
  /** The legal limit that runs from entering the step, a key into the program's `deadlines` rules. */
  deadline?: TDeadlineKey;
  /** What staff call the step, in Chinese. */
  labelZh: string;
  /**
   * The engine does this step's work (the data check): the owner's legal clock runs and the case
   * is shown as waiting for them, but nobody gets a task for it.
   */
  automatic?: true;
}

/** The kinds of written notice a case can produce; each becomes a stored notice record. */
export type NoticeKind =
  | 'missingMaterials' // 一次性告知书
  | 'notAccepted' // 不予受理通知书
  | 'checkFailed' // 核对结果告知（含异议途径）
  | 'publicNotice' // 公示
  | 'approval' // 审核确认通知书
  | 'rejection' // 不予确认通知书（含理由）
  | 'termination' // 终止通知书
  | 'benefitChanged' // 保障金额调整通知书
  | 'phaseOut' // 渐退期告知书
  | 'secondPublicNotice' // 异议处理后再次公示（特困）
  | 'terminationNotice'; // 拟终止公示（特困）
