/**
 * The household form of the one window (一窗受理): the one application form without a single
 * program, plus what only the needs assessment reads (housing, a legal dispute), and the clerk's
 * confirmed selection of programs and referrals. Each program's child case gets the same form with
 * its own program set (`childApplication`). Types come from here only.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import type { Application, ApplicationProgram } from '../shared/application';
import { referralLabelsZh } from './referralLabels';
import {
  TEKUN_SECTION_REQUIRED_ZH,
  applicationFieldsSchema,
  applicationProgramSchema,
  checkHouseholdFields,
} from '../shared/application';

/** Help other departments give, to which the window refers the household (转介). */
export const referralKindSchema = z.enum(
  ['education', 'medical', 'housing', 'employment', 'rehabilitation', 'legalAid'],
  {
    error: '转介事项须为 education、medical、housing、employment、rehabilitation 或 legalAid',
  }
);
export type ReferralKind = z.infer<typeof referralKindSchema>;

export { referralLabelsZh };

/** Circumstances the programs' forms do not ask about but a referral depends on. */
export const circumstancesSchema = z.object({
  housing: z
    .enum(['adequate', 'unsafe', 'none'], { error: '住房情况须为 adequate（安全）、unsafe（危房）或 none（无房）' })
    .default('adequate'),
  legalDispute: z.boolean().default(false),
});

const distinct = <T extends z.ZodType<string>>(item: T, message: string) =>
  z.array(item).refine((items) => new Set(items).size === items.length, message);

export const householdFormSchema = applicationFieldsSchema.omit({ program: true }).extend({
  circumstances: circumstancesSchema.default({ housing: 'adequate', legalDispute: false }),
});

function checkForm(form: z.output<typeof householdFormSchema>, ctx: z.RefinementCtx): void {
  checkHouseholdFields(form, ctx);
}

/** The needs assessment's input: the household as declared, nothing selected yet. */
export const needsAssessmentRequestSchema = householdFormSchema.superRefine(checkForm);
export type NeedsAssessmentRequest = z.output<typeof needsAssessmentRequestSchema>;

/** The parent application: the form plus what the clerk confirmed from the proposals (or added). */
export const householdApplicationSchema = householdFormSchema
  .extend({
    programs: distinct(applicationProgramSchema, '救助项目不能重复'),
    referrals: distinct(referralKindSchema, '转介事项不能重复').default([]),
  })
  .superRefine((form, ctx) => {
    checkForm(form, ctx);
    if (form.programs.length + form.referrals.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['programs'], message: '请至少选择一个救助项目或转介事项' });
    }
    if (form.programs.includes('temporaryHelp') && form.temporaryHelp === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['temporaryHelp'],
        message: '选择临时救助须填写救助类型、申请金额和困难情形',
      });
    }
    if (form.programs.includes('tekun') && form.tekun === undefined) {
      ctx.addIssue({ code: 'custom', path: ['tekun'], message: TEKUN_SECTION_REQUIRED_ZH });
    }
  });
export type HouseholdApplicationInput = z.input<typeof householdApplicationSchema>;
export type HouseholdApplication = z.output<typeof householdApplicationSchema>;

/**
 * One program's application from the household form: the same household, declaration, materials,
 * pledge and authorisation; the temporary-help claim only on the temporary-help child, the 特困
 * supporters only on the 特困 child.
 */
export function childApplication(form: HouseholdApplication, program: ApplicationProgram): Application {
  const {
    programs: _programs,
    referrals: _referrals,
    circumstances: _circumstances,
    temporaryHelp,
    tekun,
    ...common
  } = form;
  return {
    ...common,
    program,
    ...(program === 'temporaryHelp' ? { temporaryHelp } : {}),
    ...(program === 'tekun' ? { tekun } : {}),
  };
}
