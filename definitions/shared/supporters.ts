/**
 * The legally obliged supporters on a 特困 application (法定赡养、抚养、扶养义务人). 《特困人员认定办法》
 * 第四条 makes "no supporter, or none able to fulfil the obligation" a condition of support; 第十条
 * asks for the applicant's written statement of them and for the supporters' own authorisation of
 * the economic check; 第七条 lists when a supporter has no ability to support (evaluated in
 * `eligibility/tekunSupporters.ts`). The form records who each supporter is, the kinship and the
 * obligation the Civil Code attaches to it, what the applicant declares about their ability and the
 * facts 第七条 turns on, and whether they signed the authorisation. An unsigned authorisation is a
 * missing material (一次性告知 [12]), not a form error: the case opens and waits for it at acceptance.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { residentIdSchema } from './identity';
import { kinshipLabelsZh, obligationLabelsZh, obligationOfKinship } from './supporterLabels';
import { singleLine } from './text';

export type { SupportObligation, SupporterKinship } from './supporterLabels';
export { kinshipLabelsZh, obligationLabelsZh, obligationOfKinship } from './supporterLabels';

const codesOf = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string];
const listZh = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([code, label]) => `${code}（${label}）`)
    .join('、');

const yuan = z.number().min(0, '金额不能为负数').max(100_000_000);

export const supporterSchema = z
  .object({
    name: singleLine().trim().min(1, '请填写义务人姓名').max(50),
    idNumber: residentIdSchema,
    kinship: z.enum(codesOf(kinshipLabelsZh), { error: `义务人与申请人的关系须为 ${listZh(kinshipLabelsZh)}` }),
    obligation: z.enum(codesOf(obligationLabelsZh), { error: `义务类型须为 ${listZh(obligationLabelsZh)}` }),
    /** What the applicant declares; the check tests a declared inability against 第七条. */
    ableToSupport: z.boolean({ error: '请填报该义务人是否有履行义务能力（true 或 false）' }),
    /** The supporter's own monthly income, as declared; verified figures replace it. */
    monthlyIncome: yuan.default(0),
    /** The supporter's own deposits and other financial assets, as declared; verified figures replace them. */
    deposits: yuan.default(0),
    disability: z.enum(['none', 'mild', 'moderate', 'severe']).default('none'),
    /** Whether the supporter is in 低保 or 特困 support themselves (第七条第一、二项). */
    receivesAssistance: z.enum(['none', 'dibao', 'tekun']).default('none'),
    /** 无民事行为能力、被宣告失踪或者在监狱服刑 (第七条第五项). */
    incapacitated: z.boolean().default(false),
    /** Whether the supporter signed their own authorisation of the economic check (第十条). */
    checkAuthorised: z.boolean({ error: '请填报该义务人是否已签署经济状况核对授权书（true 或 false）' }),
  })
  .superRefine((supporter, ctx) => {
    const { obligation, sourceZh } = obligationOfKinship[supporter.kinship];
    if (supporter.obligation !== obligation) {
      ctx.addIssue({
        code: 'custom',
        path: ['obligation'],
        message: `${kinshipLabelsZh[supporter.kinship]}对申请人负${obligationLabelsZh[obligation]}义务（${sourceZh}），义务类型请填 ${obligation}`,
      });
    }
  });
export type Supporter = z.output<typeof supporterSchema>;
export type SupporterInput = z.input<typeof supporterSchema>;

/** The 特困 part of the form: required on a 特困 application, so "no supporters" is said, not assumed. */
export const tekunSectionSchema = z.object({
  supporters: z
    .array(supporterSchema, { error: '请填报法定赡养、抚养、扶养义务人；没有的请填报空列表 []' })
    .max(20, '法定义务人不超过20人'),
});
export type TekunSection = z.output<typeof tekunSectionSchema>;

/** Supporters live outside the household and are listed once each. */
export function checkSupporters(
  supporters: readonly Supporter[],
  memberIds: readonly string[],
  ctx: z.RefinementCtx
): void {
  const ids = supporters.map((s) => s.idNumber);
  ids.forEach((id, i) => {
    const path = ['tekun', 'supporters', i, 'idNumber'];
    if (memberIds.includes(id)) {
      ctx.addIssue({ code: 'custom', path, message: '共同生活的家庭成员不作为义务人填报，其收入和财产已计入家庭' });
    } else if (ids.indexOf(id) !== i) {
      ctx.addIssue({ code: 'custom', path, message: '义务人身份号码重复' });
    }
  });
}

/** How many supporters have not signed their authorisation on the form. */
export function supportersAwaitingAuthorisation(section: TekunSection | undefined): number {
  return (section?.supporters ?? []).filter((s) => !s.checkAuthorised).length;
}
