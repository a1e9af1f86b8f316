/**
 * Separation of duties and recusal (回避), as pure decisions over facts the API looks up:
 * - maker-checker: whoever prepared a payment batch never approves or returns it;
 * - close relatives: staff registered as a close relative of anyone in a household (近亲属备案)
 *   take no step on its cases;
 * - investigators: a county approver who took part in the case's home visit does not make its
 *   decision (审核确认).
 * Ids compare canonically (`sameUser`): `FIN-1` and `fin-1` are one person. No I/O.
 */
import { sameUser } from '../shared/actors';
import type { Decision } from './refusals';
import { refusal } from './refusals';
import type { AccessCaller } from './scopes';

const allowed: Decision = { allowed: true };

/** The payment-cycle commands that check a batch; the chart's `notByPreparer` guards the same two. */
export const checkingCommands: readonly string[] = ['APPROVE', 'RETURN_FOR_CORRECTION'];

/** What the preparer is told when they try to check their own batch (制单人不能审核本批次). */
export const makerCheckerDetailZh = '制单人不能审核本批次，请由本县其他财务人员审核或退回';

/** Whether `userId` would be checking a batch they prepared: the API and the cycle's workflow both ask this. */
export function checksOwnBatch(
  userId: string,
  command: string,
  cycle: { step: string; preparer: { userId: string } | null }
): boolean {
  return (
    checkingCommands.includes(command) && cycle.step === 'awaitingApproval' && sameUser(cycle.preparer?.userId, userId)
  );
}

export function makerChecker(
  caller: AccessCaller,
  command: string,
  cycle: { step: string; preparer: { userId: string } | null }
): Decision {
  if (!checksOwnBatch(caller.userId, command, cycle)) return allowed;
  return { allowed: false, refusal: refusal('MAKER_CHECKER', makerCheckerDetailZh) };
}

/** A register entry (db/staffRelatives.ts) naming someone in the case's household. */
export interface RegisteredRelative {
  staffUserId: string;
  relation: string;
}

export function relativeRecusal(caller: AccessCaller, entries: readonly RegisteredRelative[]): Decision {
  const own = entries.find((e) => sameUser(e.staffUserId, caller.userId));
  if (!own) return allowed;
  return {
    allowed: false,
    refusal: refusal(
      'RECUSAL_RELATIVE',
      `您已备案为该家庭成员的近亲属（${own.relation}），依规应当回避，不能办理该家庭的案件；请由本机构其他工作人员办理`
    ),
  };
}

/** The county's decision on a case (审核确认): approving or rejecting it. */
export const countyDecisionEvents: readonly string[] = ['APPROVE', 'REJECT'];

/** Whether an event needs the case's investigators looked up: a county approver deciding. */
export const decidesAfterInvestigation = (caller: AccessCaller, type: string): boolean =>
  caller.role === 'county' && countyDecisionEvents.includes(type);

export function investigatorRecusal(
  caller: AccessCaller,
  type: string,
  investigators: readonly { userId: string }[]
): Decision {
  if (!decidesAfterInvestigation(caller, type)) return allowed;
  if (!investigators.some((i) => sameUser(i.userId, caller.userId))) return allowed;
  return {
    allowed: false,
    refusal: refusal(
      'RECUSAL_INVESTIGATOR',
      '您参加了该案件的入户调查（核查），不能再作审核确认决定；请由县级其他审核人员办理'
    ),
  };
}

/**
 * The investigators named in a case's timeline: every home visit or home check (入户调查/核查) the
 * case recorded, whichever step recorded it.
 */
export function investigatorsOf(timeline: readonly { details: Record<string, unknown> }[]): { userId: string }[] {
  return timeline.flatMap((entry) => {
    const list = entry.details.investigators;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (i): i is { userId: string } =>
        typeof i === 'object' && i !== null && typeof (i as { userId?: unknown }).userId === 'string'
    );
  });
}
