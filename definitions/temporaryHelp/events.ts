/**
 * Every decision a person can send into a temporary-help case, and what each must carry. The chart
 * decides *whether* an event may happen (state, role, the township's ceiling); these schemas decide
 * whether its payload is complete, with the case's rules (investigators, stages).
 * No I/O: runs inside the workflow sandbox.
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
import type { Stage, TemporaryHelpContext } from './context';
import { stagesTotal } from './context';
import type { TemporaryHelpRules } from './rules';

/** The amounts of one approval's stages, paid one after another (一次审批、分阶段救助). */
function stagesSchema(rules: TemporaryHelpRules) {
  const max = rules.maxStages.value;
  return z
    .array(z.object({ amount: yuan('本阶段救助金额') }))
    .min(1, '请至少列出一个阶段的救助金额')
    .max(max, `分阶段救助不超过${max}个阶段（${rules.maxStages.source}）`);
}

/**
 * A grant held to the amount the household claimed. Cases started before the rules had the figure
 * keep deciding without it: their rules are frozen as they started.
 */
export function decidedAmountOf(
  context: Pick<TemporaryHelpContext, 'rules' | 'claim'>,
  amount: number,
  ground: string | undefined
): AmountDecision | null {
  const limits = (context.rules as Partial<TemporaryHelpRules>).approvedAmount;
  if (limits === undefined) return null;
  return { amount, reference: { amount: context.claim.amountClaimed, labelZh: '申请救助金额' }, ground, limits };
}

/** The total an approval grants: its own stages, else the proposal's (as `amountAtStake` reads them). */
const grantedTotal = (context: TemporaryHelpContext, stages: readonly Stage[] | undefined): number | null => {
  const granted = stages ?? context.opinion?.stages ?? [];
  return granted.length > 0 ? stagesTotal(granted) : null;
};

/** Payload schemas for one case's rules and, when given, the case as it stands (amounts are held to its claim). */
export function temporaryHelpEventPayloads(rules: TemporaryHelpRules, context?: TemporaryHelpContext) {
  const decided = (amount: number | null, ground: string | undefined) =>
    context && amount !== null ? decidedAmountOf(context, amount, ground) : null;
  return {
    ...intakeEventPayloads,
    /** 先行救助: pay at once on an emergency, before any check, review or notice. */
    HELP_FIRST: withAmountCheck(
      z.object({ amount: yuan('先行救助金额'), amountGround, circumstances: text('急难情形'), comment }),
      (p) => decided(p.amount, p.amountGround),
      'amount'
    ),
    /** The paperwork after help first: recipient, reason and amount confirmed, signatures complete. */
    RECORD_EMERGENCY_PAPERWORK: z.object({
      recipientConfirmed: z.literal(true, { error: '请核实受助人身份' }),
      reason: text('救助事由'),
      amount: yuan('实际救助金额'),
      signaturesComplete: z.literal(true, { error: '补办手续须由受助人及经办人签字确认' }),
      comment,
    }),
    RECORD_HOME_VISIT: homeVisitSchema(rules.minInvestigators, ['dibao', 'tekun']),
    ...dataCheckEventPayloads,
    /** The township's opinion with the stages it proposes; their total decides who approves. */
    PROPOSE_APPROVAL: z.object({ opinion: text('审核意见'), stages: stagesSchema(rules), comment }),
    PROPOSE_REJECTION: z.object({ reasons, comment }),
    FILE_NOTICE_OBJECTION: z.object({ summary: text('异议内容'), comment }),
    /** Omitted stages: the proposed ones are approved as they stand. */
    APPROVE: withAmountCheck(
      z.object({ stages: stagesSchema(rules).optional(), amountGround, comment }),
      (p) => (context ? decided(grantedTotal(context, p.stages), p.amountGround) : null),
      'stages'
    ),
    /** The township sends a case within its ceiling to the county (e.g. it would grant more). */
    REFER_TO_COUNTY: z.object({ reason: text('报送县级审批原因'), comment }),
    REJECT: z.object({ reasons, fraud, comment }),
    SEND_BACK: sendBackPayload,
    RECORD_STAGE_PAYMENT: z.object({ paidOn: dateOnlySchema(), comment }),
  };
}

export type TemporaryHelpEventPayloads = ReturnType<typeof temporaryHelpEventPayloads>;
export type TemporaryHelpEventType = keyof TemporaryHelpEventPayloads;

export type TemporaryHelpEvent = {
  [K in TemporaryHelpEventType]: { type: K } & StampedEvent & z.output<TemporaryHelpEventPayloads[K]>;
}[TemporaryHelpEventType];

export type TemporaryHelpEventOf<K extends TemporaryHelpEventType> = Extract<TemporaryHelpEvent, { type: K }>;
