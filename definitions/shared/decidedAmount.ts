/**
 * An amount a decision-maker sets — a monthly benefit, a help-first payment, an approval's stages —
 * held to the amount the case's rules give: the benefit the data check computed (dibao), the support
 * standard for the assessed care level (特困), the amount the household claimed (temporary help).
 * Up to that reference no more is asked. Above it the decision must say why in writing
 * (`amountGround`) and stay within the county's ceilings: a multiple of the reference and a fixed
 * amount, whichever is lower (only the fixed one where the case has no reference: a dibao check
 * overturned on objection computed none).
 *
 * Programs check a payload here from the event schemas they build for the case as it stands: once
 * the chart has found the decision possible at this step and for this role (else a 409), an amount
 * without its ground or beyond its ceiling is a 400 naming the field, before anything enters
 * history. The chart keeps deciding who decides (the township's approval ceiling); the amount's
 * bounds are the payload's, like every other figure a payload must respect. The audit line
 * records the reference beside the amount (`amountBasis`), from which the risk rule
 * `amountAboveComputed` raises its warning. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { formatYuan, toFen } from '../eligibility/money';
import { text } from './eventFields';
import { sourced } from './rulesConfig';

/**
 * The county's ceilings on amounts above the reference; program rules include them as
 * `approvedAmount`, with the ones that program uses.
 */
export const amountLimitsSchema = z.object({
  /** An amount above the reference may reach at most this multiple of it. */
  maxMultipleOfReference: sourced(z.number().min(1)).optional(),
  /** And never more than this, in yuan (a month for monthly benefits, the case for one-off help). */
  ceiling: sourced(z.number().positive()).optional(),
});
export type AmountLimits = z.infer<typeof amountLimitsSchema>;

/** The written ground an amount above the reference needs; asked for only then. */
export const amountGround = text('金额高于核定标准的理由').optional();

/** What the case's rules give, as staff read it ("核对计算的保障金额"). */
export interface AmountReference {
  amount: number;
  labelZh: string;
}

/** What the audit line records about a decided amount: the reference it was held to and the ceiling. */
export const amountBasisSchema = z.object({
  amount: z.number(),
  referenceAmount: z.number().nullable(),
  referenceLabelZh: z.string(),
  ceiling: z.number().nullable(),
  aboveReference: z.boolean(),
  ground: z.string().nullable(),
});
export type AmountBasis = z.infer<typeof amountBasisSchema>;

export interface AmountDecision {
  amount: number;
  reference: AmountReference | null;
  ground: string | undefined;
  limits: AmountLimits;
}

export interface AmountIssue {
  path: string[];
  message: string;
}

/** The most an amount may be, with the figure it comes from; null where nothing bounds it. */
function ceilingOf(decision: AmountDecision): { value: number; source: string } | null {
  const { reference, limits } = decision;
  const multiple = limits.maxMultipleOfReference;
  const ceilings = [
    // Whole fen, rounded down: the ceiling never lets a fraction of a fen above the multiple
    reference && multiple
      ? { value: Math.floor(toFen(reference.amount) * multiple.value) / 100, source: multiple.source }
      : null,
    limits.ceiling ?? null,
  ].filter((c): c is { value: number; source: string } => c !== null);
  return ceilings.reduce<{ value: number; source: string } | null>(
    (lowest, c) => (lowest === null || c.value < lowest.value ? c : lowest),
    null
  );
}

export function amountBasisOf(decision: AmountDecision): AmountBasis {
  const { amount, reference } = decision;
  return {
    amount,
    referenceAmount: reference?.amount ?? null,
    referenceLabelZh: reference?.labelZh ?? '无核定金额',
    ceiling: ceilingOf(decision)?.value ?? null,
    aboveReference: reference === null || toFen(amount) > toFen(reference.amount),
    ground: decision.ground ?? null,
  };
}

/** What is wrong with a decided amount, by field (`amountField`, `groundField`); none when it may stand. */
export function amountIssues(
  decision: AmountDecision,
  amountField: string,
  groundField = 'amountGround'
): AmountIssue[] {
  const basis = amountBasisOf(decision);
  if (!basis.aboveReference) return [];
  const issues: AmountIssue[] = [];
  const stated = `${formatYuan(toFen(decision.amount))}元`;
  if (decision.ground === undefined) {
    issues.push({
      path: [groundField],
      message:
        decision.reference === null
          ? `本案没有核定金额，核定${stated}须写明理由`
          : `${stated}高于${decision.reference.labelZh}${formatYuan(toFen(decision.reference.amount))}元，请写明理由`,
    });
  }
  const ceiling = ceilingOf(decision);
  if (ceiling !== null && toFen(decision.amount) > toFen(ceiling.value)) {
    issues.push({
      path: [amountField],
      message: `${stated}超过上限${formatYuan(toFen(ceiling.value))}元（${ceiling.source}），请核减`,
    });
  }
  return issues;
}

/** Adds the issues to a zod refinement, so the payload is refused with a 400 naming the fields. */
export function reportAmountIssues(issues: readonly AmountIssue[], ctx: z.RefinementCtx): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}

/**
 * An event's payload schema with its amount held to the case: refused with the issues as a 400, and
 * recorded with the amount's basis (`amountBasis`) for the audit line. `decide` gives nothing where
 * there is no case to hold it to (the OpenAPI description) or no amount in the payload.
 */
export function withAmountCheck<T extends z.ZodType<Record<string, unknown>>>(
  schema: T,
  decide: (payload: z.output<T>) => AmountDecision | null,
  amountField: string,
  groundField?: string
) {
  return schema
    .superRefine((payload, ctx) => {
      const decision = decide(payload);
      if (decision) reportAmountIssues(amountIssues(decision, amountField, groundField), ctx);
    })
    .transform((payload): z.output<T> & { amountBasis?: AmountBasis } => {
      const decision = decide(payload);
      return decision ? { ...payload, amountBasis: amountBasisOf(decision) } : payload;
    });
}
