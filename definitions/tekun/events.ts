/**
 * Every decision a person can send into a 特困 case, and what each must carry. The chart decides
 * *whether* an event may happen (state and role); these schemas decide whether its payload is
 * complete, with the case's rules (investigators). No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { StampedEvent } from '../shared/chartKit';
import { dateOnlySchema } from '../shared/dates';
import type { AmountDecision } from '../shared/decidedAmount';
import { amountGround, withAmountCheck } from '../shared/decidedAmount';
import {
  comment,
  dataCheckEventPayloads,
  fraud,
  homeVisitSchema,
  intakeEventPayloads,
  reasons,
  sendBackPayload,
  text,
  yuan,
} from '../shared/eventFields';
import type { TekunContext } from './context';
import type { TekunRules } from './rules';
import { careLevelLabelsZh, selfCareItemSchema } from './selfCare';

/** Where a terminated person is advised to turn next [27]; the referral itself is separate work. */
export const referralSuggestionSchema = z.enum(['dibao', 'temporaryHelp', 'none'], {
  error: '转介建议须为 dibao（低保）、temporaryHelp（临时救助）或 none（无）',
});

/**
 * The monthly amount the county sets, held to the support standard for the assessed care level
 * (none before the assessment, which approval waits for). Cases started before the rules had the
 * standard keep deciding without it: their rules are frozen as they started.
 */
export function decidedAmountOf(
  context: Pick<TekunContext, 'rules' | 'careAssessment'>,
  amount: number,
  ground: string | undefined
): AmountDecision | null {
  const { supportStandard, approvedAmount } = context.rules as Partial<TekunRules>;
  const level = context.careAssessment?.level;
  if (!supportStandard || !approvedAmount || level === undefined) return null;
  const labelZh = `${careLevelLabelsZh[level]}人员的救助供养标准`;
  return { amount, reference: { amount: supportStandard.value[level], labelZh }, ground, limits: approvedAmount };
}

/** Payload schemas for one case's rules and, when given, the case as it stands (the amount is held to it). */
export function tekunEventPayloads(rules: TekunRules, context?: TekunContext) {
  return {
    ...intakeEventPayloads,
    RECORD_HOME_VISIT: homeVisitSchema(rules.minInvestigators, ['dibao', 'temporaryHelp']),
    ...dataCheckEventPayloads,
    RECORD_COMMUNITY_REVIEW: z.object({
      attendees: z.number().int().min(1),
      outcome: z.enum(['support', 'oppose']),
      minutes: text('评议记录'),
      comment,
    }),
    PROPOSE_APPROVAL: z.object({ opinion: text('初审意见'), comment }),
    PROPOSE_REJECTION: z.object({ reasons, comment }),
    FILE_NOTICE_OBJECTION: z.object({ summary: text('异议内容'), complaint: z.boolean().default(false), comment }),
    REINVESTIGATE: z.object({ comment }),
    /** The county's own home check of a sampled case [16]. */
    RECORD_COUNTY_HOME_CHECK: homeVisitSchema(rules.minInvestigators, ['dibao', 'temporaryHelp']),
    /** Six daily-living items: the ones the person cannot do alone (none: fully self-caring) [20–23]. */
    RECORD_SELF_CARE_ASSESSMENT: z.object({
      unableItems: z.array(selfCareItemSchema).refine((l) => new Set(l).size === l.length, '评估项目不能重复'),
      assessedOn: dateOnlySchema(),
      comment,
    }),
    APPROVE: withAmountCheck(
      z.object({
        monthlyAmount: yuan('供养金额'),
        /** Why the amount is above the support standard; required only then. */
        amountGround,
        /** 分散供养 at home, or 集中供养 in an institution. */
        supportMode: z.enum(['dispersed', 'institutional'], {
          error: '供养方式须为 dispersed（分散）或 institutional（集中）',
        }),
        comment,
      }),
      (p) => (context ? decidedAmountOf(context, p.monthlyAmount, p.amountGround) : null),
      'monthlyAmount'
    ),
    REJECT: z.object({ reasons, fraud, comment }),
    SEND_BACK: sendBackPayload,
    DELIVER_REJECTION_NOTICE: z.object({ deliveredOn: dateOnlySchema(), comment }),
    PROPOSE_TERMINATION: z.object({
      reason: text('终止原因'),
      suggestion: referralSuggestionSchema,
      fraud,
      comment,
    }),
    FILE_TERMINATION_OBJECTION: z.object({ summary: text('异议内容'), comment }),
    CONFIRM_TERMINATION: z.object({ finding: text('审核意见'), comment }),
    CANCEL_TERMINATION: z.object({ finding: text('审核意见'), comment }),
  };
}

export type TekunEventPayloads = ReturnType<typeof tekunEventPayloads>;
export type TekunEventType = keyof TekunEventPayloads;

export type TekunEvent = {
  [K in TekunEventType]: { type: K } & StampedEvent & z.output<TekunEventPayloads[K]>;
}[TekunEventType];

export type TekunEventOf<K extends TekunEventType> = Extract<TekunEvent, { type: K }>;
