/**
 * Every decision a person can send into a dibao case, and what each must carry. The chart decides
 * *whether* an event may happen (state and role); these schemas decide whether its payload is
 * complete. Some checks depend on the county's rules (how many investigators), so the schemas are
 * built from the rules of the case. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actors';
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
} from '../shared/eventFields';
import type { DibaoContext } from './context';
import type { DibaoRules } from './rules';

const monthlyAmount = z
  .number()
  .positive('保障金额须大于0')
  .max(1_000_000)
  .refine((n) => Math.round(n * 100) === n * 100, '金额最多保留两位小数');

/** How often the household is checked again: yearly when stable, half-yearly when income is irregular [31]. */
export const recheckCycleSchema = z.enum(['stable', 'irregular'], { error: '复核周期须为 stable 或 irregular' });
export type RecheckCycle = z.infer<typeof recheckCycleSchema>;

/** What a household (or staff) reports as changed between re-checks [30]. */
export const changeKindSchema = z.enum(['income', 'members', 'memberDied', 'employment', 'address', 'assets'], {
  error: '变化类型须为 income、members、memberDied、employment、address 或 assets',
});

/**
 * An amount the county sets, held to the benefit the latest check computed. Cases started before the
 * rules had the figure keep deciding without it: their rules are frozen as they started.
 */
export function decidedAmountOf(
  context: Pick<DibaoContext, 'rules' | 'dataCheck'>,
  amount: number | undefined,
  ground: string | undefined
): AmountDecision | null {
  const limits = context.rules.approvedAmount as DibaoRules['approvedAmount'] | undefined;
  if (amount === undefined || limits === undefined) return null;
  const computed = context.dataCheck.computedAmount;
  const reference = computed === null ? null : { amount: computed, labelZh: '核对计算的保障金额' };
  return { amount, reference, ground, limits };
}

/**
 * Payload schemas per event type, for the rules of one case and, when given, the case as it stands
 * (an amount the county sets is held to the benefit the check computed).
 */
export function dibaoEventPayloads(rules: DibaoRules, context?: DibaoContext) {
  const decided = (amount: number | undefined, ground: string | undefined) =>
    context ? decidedAmountOf(context, amount, ground) : null;
  return {
    ...intakeEventPayloads,
    RECORD_HOME_VISIT: homeVisitSchema(rules.minInvestigators, ['tekun', 'temporaryHelp']),
    ...dataCheckEventPayloads,
    PROPOSE_APPROVAL: z.object({ opinion: text('初审意见'), comment }),
    PROPOSE_REJECTION: z.object({ reasons, comment }),
    FILE_NOTICE_OBJECTION: z.object({
      summary: text('异议内容'),
      /** A named complaint (实名举报) makes a county home visit mandatory [20]. */
      complaint: z.boolean().default(false),
      comment,
    }),
    REINVESTIGATE: z.object({ comment }),
    RECORD_COMMUNITY_REVIEW: z.object({
      attendees: z.number().int().min(1),
      outcome: z.enum(['support', 'oppose']),
      minutes: text('评议记录'),
      comment,
    }),
    RECORD_COUNTY_HOME_VISIT: homeVisitSchema(rules.minInvestigators, ['tekun', 'temporaryHelp']),
    APPROVE: withAmountCheck(
      z.object({
        /** Omitted: the amount the data check computed from the rules (the county may set another). */
        monthlyAmount: monthlyAmount.optional(),
        /** Why the amount is above the computed benefit (分类施保 …); required only then. */
        amountGround,
        /** Omitted: from the household (members able to work make it irregular). */
        recheckCycle: recheckCycleSchema.optional(),
        comment,
      }),
      (p) => decided(p.monthlyAmount, p.amountGround),
      'monthlyAmount'
    ),
    REJECT: z.object({ reasons, fraud, comment }),
    SEND_BACK: sendBackPayload,
    DELIVER_REJECTION_NOTICE: z.object({ deliveredOn: dateOnlySchema(), comment }),
    TERMINATE: z.object({ reason: text('终止原因'), fraud, comment }),
    // Ongoing management (动态管理) [30–33]
    REPORT_CHANGE: z.object({ kind: changeKindSchema, description: text('变化情况'), comment }),
    CONTINUE_BENEFIT: z.object({
      ground: text('复核结论及依据'),
      recheckCycle: recheckCycleSchema.optional(),
      comment,
    }),
    /** The ground is always written; an amount above the re-check's computed benefit stays within the ceiling. */
    CHANGE_BENEFIT_AMOUNT: withAmountCheck(
      z.object({
        monthlyAmount,
        ground: text('调整保障金额的依据'),
        recheckCycle: recheckCycleSchema.optional(),
        comment,
      }),
      (p) => decided(p.monthlyAmount, p.ground),
      'monthlyAmount',
      'ground'
    ),
    START_PHASE_OUT: z.object({ ground: text('渐退依据（如家庭成员就业、收入超过标准）'), comment }),
    EXTEND_TIME_LIMIT: z.object({
      reason: z
        .enum(rules.extensionReasons.value as [string, ...string[]], {
          error: `延长原因须为以下之一：${rules.extensionReasons.value.join('、')}`,
        })
        .describe('延长原因'),
      explanation: text('延长的具体情况'),
      comment,
    }),
  };
}

export type DibaoEventPayloads = ReturnType<typeof dibaoEventPayloads>;
export type DibaoEventType = keyof DibaoEventPayloads;

/** What the engine stamps on every event before the chart sees it. */
export interface EventEnvelope {
  actor: Actor;
  /** ISO instant, from the workflow clock. */
  at: string;
}

export type DibaoEvent = {
  [K in DibaoEventType]: { type: K } & EventEnvelope & z.output<DibaoEventPayloads[K]>;
}[DibaoEventType];

export type DibaoEventOf<K extends DibaoEventType> = Extract<DibaoEvent, { type: K }>;
