/**
 * Why the policy refuses, as a code a program reads and a rule a person reads. Each refusal is a
 * 403 naming its rule; messages are for the staff member in front of the screen and say what to do.
 * No I/O.
 */
import type { CallerRole } from '../shared/actors';

export const refusalRulesZh = {
  /** The role may not take this action anywhere. */
  ROLE_NOT_PERMITTED: '岗位权限',
  /** The role may, but not on this target: another org, another department. */
  OUT_OF_SCOPE: '管辖范围',
  /** The case's chart names other roles for this event (or only the engine). */
  EVENT_NOT_PERMITTED: '办理权限',
  /** The preparer of a payment batch checks it (制单与审核分离). */
  MAKER_CHECKER: '不相容岗位分离：制单人不得审核',
  /** A staff member registered as a close relative of the household acts on its case (回避). */
  RECUSAL_RELATIVE: '回避：近亲属',
  /** A county approver decides a case they investigated (回避：调查与审核确认分离). */
  RECUSAL_INVESTIGATOR: '回避：调查人员不得审核确认',
} as const;
export type RefusalCode = keyof typeof refusalRulesZh;

export interface Refusal {
  code: RefusalCode;
  ruleZh: string;
  messageZh: string;
}

/** An answer of the policy: allowed, or refused with the rule that refuses. */
export type Decision = { allowed: true } | { allowed: false; refusal: Refusal };

export function refusal(code: RefusalCode, detailZh: string): Refusal {
  const ruleZh = refusalRulesZh[code];
  return { code, ruleZh, messageZh: `【${ruleZh}】${detailZh}` };
}

export const roleLabelsZh: Record<CallerRole, string> = {
  window: '受理窗口',
  village: '村（居）委会',
  township: '乡镇（街道）经办人员',
  county: '县级审核人员',
  supervisor: '监督人员',
  finance: '财务人员',
  department: '职能部门',
  admin: '系统管理员',
};
