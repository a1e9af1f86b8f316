/**
 * Request and response shapes of the referral routes (转办/转介), also the source of their OpenAPI
 * description. The referral request itself lives with its definition (definitions/referral/intake.ts).
 */
import { z } from 'zod';
import { departmentKindSchema } from '../../definitions/shared/actors';
import { referralEventPayloads } from '../../definitions/referral/events';
import { cursorParamSchema, keysetPaging, pageLimitSchema } from '../http/paging';
import { casePositionSchema } from '../applications/schemas';

export const inboxQuerySchema = z.object({
  status: z
    .enum(['open', 'acknowledged', 'done'], {
      error: 'status 须为 open（待签收）、acknowledged（办理中）或 done（已结束）',
    })
    .optional(),
  limit: pageLimitSchema,
  cursor: cursorParamSchema.optional(),
});

export const inboxPaging = keysetPaging(casePositionSchema, { issueZh: '游标无效' });

export const referralItemSchema = z.object({
  id: z.string(),
  status: z.enum(['active', 'done']),
  step: z.string(),
  stepLabelZh: z.string(),
  orgs: z.object({ county: z.string(), township: z.string(), village: z.string() }),
  department: departmentKindSchema,
  applicantName: z.string(),
  reason: z.string(),
  householdCaseId: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  /**
   * Working days to the running clock's due date on the installation's calendar (0: due today,
   * negative: overdue); null when closed or without a clock. Counted as the work lists count it.
   */
  workingDaysLeft: z.number().int().nullable(),
});
export type ReferralInboxItem = z.infer<typeof referralItemSchema>;

export const inboxPageSchema = z.object({ items: z.array(referralItemSchema), nextCursor: z.string().nullable() });
export type ReferralInboxAnswer = z.infer<typeof inboxPageSchema>;
export type ReferralInboxQuery = z.input<typeof inboxQuerySchema>;

/** The bodies of the department's and sender's actions: the event payloads, without a `type`. */
const payloads = referralEventPayloads();
export const referralActionBodies = {
  acknowledge: payloads.ACKNOWLEDGE,
  outcome: payloads.REPORT_OUTCOME,
  return: payloads.RETURN,
  withdraw: payloads.WITHDRAW,
} as const;
