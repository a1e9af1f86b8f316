/**
 * Every decision a person can send into a referral, and what each must carry. The chart decides
 * whether it may happen (state, role, the department's kind and county); these schemas decide
 * whether its payload is complete. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { StampedEvent } from '../shared/chartKit';
import { comment, text } from '../shared/eventFields';
import { singleLine } from '../shared/text';

export const referralOutcomeSchema = z.enum(['helped', 'notEligible', 'referredElsewhere'], {
  error: '办理结果须为 helped（已帮扶）、notEligible（不符合条件）或 referredElsewhere（已转其他部门）',
});

export function referralEventPayloads() {
  return {
    /** 签收: the department takes the referral on; it may name who handles it. */
    ACKNOWLEDGE: z.object({ handler: singleLine().trim().min(1).max(50).optional(), comment }),
    /** 办结: what the department did, and in words what came of it. */
    REPORT_OUTCOME: z.object({ outcome: referralOutcomeSchema, text: text('办理结果说明'), comment }),
    /** 退回: not the department's to handle (wrong department, incomplete information). */
    RETURN: z.object({ reason: text('退回原因'), comment }),
    /** 撤回: the sender takes it back (the need was met otherwise, sent in error). */
    WITHDRAW: z.object({ reason: text('撤回原因'), comment }),
  };
}

export type ReferralEventPayloads = ReturnType<typeof referralEventPayloads>;
export type ReferralEventType = keyof ReferralEventPayloads;

export type ReferralEvent = {
  [K in ReferralEventType]: { type: K } & StampedEvent & z.output<ReferralEventPayloads[K]>;
}[ReferralEventType];

export type ReferralEventOf<K extends ReferralEventType> = Extract<ReferralEvent, { type: K }>;
