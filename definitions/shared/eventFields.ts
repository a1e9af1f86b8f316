/**
 * Payload fields several programs' events share, with the messages staff see: comments, reasons,
 * free text, the fraud flag and the home-visit record. Each program builds its own event schemas
 * from these and its rules. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { dateOnlySchema } from './dates';

export const comment = z.string().trim().max(2000, '备注不超过2000字').optional();
export const reasons = z.array(z.string().trim().min(1).max(500)).min(1, '请至少填写一条理由');
export const text = (label: string) => z.string().trim().min(1, `请填写${label}`).max(4000, `${label}不超过4000字`);

/** The household obtained or tried to obtain assistance by fraud (骗取救助): a dishonesty record follows. */
export const fraud = z.boolean().default(false);

/** Yuan with at most two decimals. */
export const yuan = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .positive(`${label}须大于0`)
    .max(100_000_000)
    .refine((n) => Math.round(n * 100) === n * 100, `${label}最多保留两位小数`);

const investigatorSchema = z.object({ userId: z.string().min(1).max(64), name: z.string().trim().min(1).max(50) });

/** A home visit, by at least the rules' number of investigators, signed by the family. */
export function homeVisitSchema(minInvestigators: { value: number; source: string }) {
  const min = minInvestigators.value;
  return z.object({
    investigators: z
      .array(investigatorSchema)
      .min(min, `入户调查须由不少于${min}名调查人员开展（${minInvestigators.source}）`)
      .refine((list) => new Set(list.map((i) => i.userId)).size === list.length, '调查人员不能重复'),
    visitedOn: dateOnlySchema(),
    findings: text('调查情况'),
    familySigned: z.literal(true, { error: '入户调查记录须由在场家庭成员签字确认' }),
    /** 属实 / 不属实 / 转其他救助. */
    verdict: z.enum(['truthful', 'untruthful', 'referOther']).default('truthful'),
    comment,
  });
}
