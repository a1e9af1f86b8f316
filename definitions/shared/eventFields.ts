/**
 * Payload fields several programs' events share, with the messages staff see: comments, reasons,
 * free text, the fraud flag and the home-visit record. Each program builds its own event schemas
 * from these and its rules. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { ApplicationProgram } from './application';
import { temporaryHelpClaimSchema } from './application';
import { checkRunSummarySchema } from '../verification';
import { canonicalUserId } from './actors';
import { dateOnlySchema } from './dates';
import { materialCodeSchema } from './materials';
import { freeText, singleLine } from './text';

export const comment = freeText().trim().max(2000, '备注不超过2000字').optional();
export const reasons = z.array(freeText().trim().min(1).max(500)).min(1, '请至少填写一条理由');
export const text = (label: string) => freeText().trim().min(1, `请填写${label}`).max(4000, `${label}不超过4000字`);

/** The household obtained or tried to obtain assistance by fraud (骗取救助): a dishonesty record follows. */
export const fraud = z.boolean().default(false);

/** Yuan with at most two decimals. */
export const yuan = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .positive(`${label}须大于0`)
    .max(100_000_000)
    .refine((n) => Math.round(n * 100) === n * 100, `${label}最多保留两位小数`);

const investigatorSchema = z.object({ userId: singleLine().min(1).max(64), name: singleLine().trim().min(1).max(50) });

const programLabelsZh: Record<ApplicationProgram, string> = { dibao: '低保', tekun: '特困', temporaryHelp: '临时救助' };

/**
 * A home visit, by at least the rules' number of investigators, signed by the family. Its verdict
 * is 属实 / 不属实 (a dishonesty record follows) / 转其他救助: the program the household belongs to
 * (`referTo`, one of `referTargets`) opens its case from the same application; temporary help needs
 * the claim the form may not have.
 */
export function homeVisitSchema(
  minInvestigators: { value: number; source: string },
  referTargets: readonly [ApplicationProgram, ...ApplicationProgram[]]
) {
  const min = minInvestigators.value;
  const targets = referTargets.map((p) => `${p}（${programLabelsZh[p]}）`).join('或');
  return z
    .object({
      investigators: z
        .array(investigatorSchema)
        .min(min, `入户调查须由不少于${min}名调查人员开展（${minInvestigators.source}）`)
        .refine((list) => new Set(list.map((i) => canonicalUserId(i.userId))).size === list.length, '调查人员不能重复'),
      visitedOn: dateOnlySchema(),
      findings: text('调查情况'),
      familySigned: z.literal(true, { error: '入户调查记录须由在场家庭成员签字确认' }),
      verdict: z.enum(['truthful', 'untruthful', 'referOther']).default('truthful'),
      referTo: z.enum(referTargets, { error: `转其他救助的项目须为 ${targets}` }).optional(),
      claim: temporaryHelpClaimSchema.optional(),
      comment,
    })
    .superRefine((visit, ctx) => {
      if (visit.verdict === 'referOther' && visit.referTo === undefined) {
        ctx.addIssue({ code: 'custom', path: ['referTo'], message: '结论为转其他救助时，请选择转入的救助项目' });
      }
      if (visit.verdict !== 'referOther' && visit.referTo !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['referTo'], message: '仅在结论为转其他救助时选择转入项目' });
      }
      if (visit.referTo === 'temporaryHelp' && visit.claim === undefined) {
        ctx.addIssue({ code: 'custom', path: ['claim'], message: '转临时救助时，请填写救助类型、申请金额和困难情形' });
      }
    });
}

/** Acceptance at the window (受理, 一次性告知) and withdrawal: the same events in every program. */
export const intakeEventPayloads = {
  REQUEST_MISSING_MATERIALS: z.object({ items: z.array(materialCodeSchema).min(1, '请列出全部缺少的材料'), comment }),
  SUPPLY_MATERIALS: z.object({ items: z.array(materialCodeSchema).min(1, '请列出补交的材料'), comment }),
  ACCEPT: z.object({ comment }),
  DECLINE: z.object({ reasons, comment }),
  WITHDRAW: z.object({ reason: text('撤回原因'), comment }),
};

/** The household economic check's result and what may follow it, in every program that runs one. */
export const dataCheckEventPayloads = {
  /** Raised by the engine when a check run finishes (the chart refuses it from anyone else). */
  DATA_CHECK_COMPLETED: checkRunSummarySchema,
  RERUN_DATA_CHECK: z.object({ reason: text('重新核对原因'), comment }),
  OBJECT_TO_CHECK: z.object({ evidence: text('异议理由及证据'), comment }),
  UPHOLD_CHECK_RESULT: z.object({ comment }),
  OVERTURN_CHECK_RESULT: z.object({ finding: text('复查结论'), comment }),
};

/** Send back (任务回退) to the step before, with the reason. */
export const sendBackPayload = z.object({ reason: text('退回原因'), comment });
