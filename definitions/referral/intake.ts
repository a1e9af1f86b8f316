/**
 * What starts a referral (转办/转介): the township or window sends a household's need to a county
 * department. Not the household application form: a referral carries no pledge, no declared income
 * and no data-check authorisation, only who the household is, what it needs and where it came from.
 * The department travels in the case's orgs, so the engine's "sits at this case's org" check covers it.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { caseOrgsSchema, departmentKindSchema } from '../shared/actors';
import { residentIdSchema } from '../shared/application';
import { text } from '../shared/eventFields';
import { singleLine } from '../shared/text';
import { CASE_ID_PATTERN } from '../shared/caseIds';

export const referralRequestSchema = z
  .object({
    department: departmentKindSchema,
    orgs: caseOrgsSchema,
    /** The household's case the need came up in (e.g. a dibao case's home visit), if any. */
    householdCaseId: singleLine().regex(CASE_ID_PATTERN, '来源案件编号格式不正确').nullable().default(null),
    reason: text('转介事由及需求'),
    applicant: z.object({
      name: singleLine().trim().min(1, '请填写求助人姓名').max(50),
      idNumber: residentIdSchema,
      phone: singleLine()
        .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话格式不正确')
        .optional(),
      address: singleLine().trim().min(1, '请填写家庭住址').max(200),
    }),
  })
  .superRefine((r, ctx) => {
    if (!r.orgs.township.startsWith(r.orgs.county)) {
      ctx.addIssue({ code: 'custom', path: ['orgs', 'township'], message: '乡镇（街道）不属于所填县（市、区）' });
    }
    if (!r.orgs.village.startsWith(r.orgs.township)) {
      ctx.addIssue({ code: 'custom', path: ['orgs', 'village'], message: '村（居）不属于所填乡镇（街道）' });
    }
  });
export type ReferralRequest = z.input<typeof referralRequestSchema>;

/** The referral as the case workflow carries it: the request, with the department among the case's orgs. */
export const referralIntakeSchema = referralRequestSchema.transform((r) => ({
  program: 'referral' as const,
  ...r,
  orgs: { ...r.orgs, department: r.department },
}));
export type ReferralIntake = z.output<typeof referralIntakeSchema>;
