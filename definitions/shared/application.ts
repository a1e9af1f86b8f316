/**
 * The one application form the window fills in (一张表单): the household, what it declares, the
 * materials handed in, and the pledge and authorisation every program needs. The API validates
 * requests with it and the workflow carries it; types come from here only.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { caseOrgsSchema } from './actors';
import { dateOnlySchema } from './dates';
import { residentIdSchema } from './identity';
import { materialCodeSchema } from './materials';
import { checkSupporters, tekunSectionSchema } from './supporters';
import { freeText, singleLine } from './text';

export { residentIdSchema };

const money = z.number().min(0, '金额不能为负数').max(100_000_000);

export const memberSchema = z.object({
  name: singleLine().trim().min(1, '请填写成员姓名').max(50),
  idNumber: residentIdSchema,
  relation: z.enum(['self', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'other']),
  birthDate: dateOnlySchema('出生日期格式应为 YYYY-MM-DD'),
  disability: z.enum(['none', 'mild', 'moderate', 'severe']).default('none'),
  seriousIllness: z.boolean().default(false),
  employment: z.enum(['employed', 'unemployed', 'unableToWork', 'student', 'retired', 'child']),
  monthlyIncome: money.default(0),
});
export type Member = z.infer<typeof memberSchema>;

/** The programs a household can apply for on the form. */
export const applicationProgramSchema = z.enum(['dibao', 'tekun', 'temporaryHelp'], {
  error: '救助项目须为 dibao（低保）、tekun（特困）或 temporaryHelp（临时救助）',
});
export type ApplicationProgram = z.infer<typeof applicationProgramSchema>;

/**
 * What a temporary-help application is for: an expense the household cannot meet (支出型) or an
 * emergency (急难型), the amount asked for, and what happened. Only on temporary-help applications.
 */
export const temporaryHelpClaimSchema = z.object({
  kind: z.enum(['expense', 'emergency'], { error: '救助类型须为 expense（支出型）或 emergency（急难型）' }),
  amountClaimed: z.number().positive('申请金额须大于0').max(10_000_000),
  description: freeText().trim().min(1, '请说明困难情形').max(2000, '困难情形不超过2000字'),
});
export type TemporaryHelpClaim = z.infer<typeof temporaryHelpClaimSchema>;

/** The form's fields without its cross-field checks: the household form (definitions/intake) extends it. */
export const applicationFieldsSchema = z.object({
  program: applicationProgramSchema,
  orgs: caseOrgsSchema,
  channel: z.enum(['window', 'online', 'entrusted']).default('window'),
  applicant: z.object({
    name: singleLine().trim().min(1, '请填写申请人姓名').max(50),
    idNumber: residentIdSchema,
    phone: singleLine()
      .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话格式不正确')
      .optional(),
  }),
  household: z.object({
    address: singleLine().trim().min(1, '请填写家庭住址').max(200),
    members: z.array(memberSchema).min(1, '请至少填写一名家庭成员'),
  }),
  declared: z.object({
    /** Household's total monthly income in yuan, as the applicant declares it. */
    monthlyIncome: money,
    deposits: money.default(0),
    vehicles: z.number().int().min(0).default(0),
    properties: z.number().int().min(0).default(0),
    businessOwner: z.boolean().default(false),
  }),
  materials: z.array(materialCodeSchema).default([]),
  /**
   * Where benefits are paid (社会保障卡/一卡通 account). Optional at intake: it is needed from
   * approval on, and the household may supply it later.
   */
  payee: z
    .object({
      holderName: singleLine().trim().min(1, '请填写账户户名').max(50),
      bankName: singleLine().trim().min(1, '请填写开户银行').max(100),
      accountNumber: singleLine()
        .transform((s) => s.replace(/\s+/g, ''))
        .refine((s) => /^\d{8,30}$/.test(s), '银行账号应为8至30位数字'),
    })
    .nullable()
    .default(null),
  /** 守信承诺 and 核对授权 are preconditions of every application [9]. */
  pledgeSigned: z.literal(true, { error: '申请人须签署守信承诺书后方可申请' }),
  checkAuthorised: z.literal(true, { error: '申请人及家庭成员须签署经济状况核对授权书后方可申请' }),
  /** 近亲属备案: a close relative of a case worker or village cadre is registered separately [11]. */
  closeRelative: z
    .object({ staffName: singleLine().trim().min(1).max(50), relation: singleLine().trim().min(1).max(50) })
    .nullable()
    .default(null),
  temporaryHelp: temporaryHelpClaimSchema.optional(),
  /** 特困 only: the legally obliged supporters, declared on every 特困 application (none: `[]`). */
  tekun: tekunSectionSchema.optional(),
});

type FormFields = Omit<z.output<typeof applicationFieldsSchema>, 'program'>;

/** Checks every form makes across its fields: orgs nested, members distinct, the applicant one of them. */
export function checkHouseholdFields(app: FormFields, ctx: z.RefinementCtx): void {
  if (!app.orgs.township.startsWith(app.orgs.county)) {
    ctx.addIssue({ code: 'custom', path: ['orgs', 'township'], message: '乡镇（街道）不属于所填县（市、区）' });
  }
  if (!app.orgs.village.startsWith(app.orgs.township)) {
    ctx.addIssue({ code: 'custom', path: ['orgs', 'village'], message: '村（居）不属于所填乡镇（街道）' });
  }
  const ids = app.household.members.map((m) => m.idNumber);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) {
      ctx.addIssue({
        code: 'custom',
        path: ['household', 'members', i, 'idNumber'],
        message: '家庭成员身份号码重复',
      });
    }
  });
  if (!ids.includes(app.applicant.idNumber)) {
    ctx.addIssue({ code: 'custom', path: ['applicant', 'idNumber'], message: '申请人须是所填家庭成员之一' });
  }
  if (app.tekun) checkSupporters(app.tekun.supporters, ids, ctx);
}

/** The 特困 supporters declaration is asked of the applicant [10]; `[]` says "none", consciously. */
export const TEKUN_SECTION_REQUIRED_ZH =
  '特困申请须填报法定赡养、抚养、扶养义务人（tekun.supporters）；没有义务人的，请填报空列表 []';

type FormChecks = { requireTekunSection: boolean };

function checkProgramSections(app: z.output<typeof applicationFieldsSchema>, ctx: z.RefinementCtx, o: FormChecks) {
  if (app.program === 'temporaryHelp' && app.temporaryHelp === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['temporaryHelp'],
      message: '临时救助申请须填写救助类型、申请金额和困难情形',
    });
  }
  if (app.program !== 'temporaryHelp' && app.temporaryHelp !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['temporaryHelp'], message: '仅临时救助申请填写此项' });
  }
  if (app.program === 'tekun' && app.tekun === undefined && o.requireTekunSection) {
    ctx.addIssue({ code: 'custom', path: ['tekun'], message: TEKUN_SECTION_REQUIRED_ZH });
  }
  if (app.program !== 'tekun' && app.tekun !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['tekun'], message: '仅特困申请填写此项' });
  }
}

export const applicationSchema = applicationFieldsSchema.superRefine((app, ctx) => {
  checkProgramSections(app, ctx, { requireTekunSection: true });
  checkHouseholdFields(app, ctx);
});

/**
 * A case opened from another case's application (转其他救助): the form the household filed for the
 * first program, which may not declare 特困 supporters. Such a 特困 case's check then sees none
 * listed and says so in its explanation, for the township's investigation to follow up.
 */
export const referredApplicationSchema = applicationFieldsSchema.superRefine((app, ctx) => {
  checkProgramSections(app, ctx, { requireTekunSection: false });
  checkHouseholdFields(app, ctx);
});

/** What the caller sends (defaults not yet applied). */
export type ApplicationInput = z.input<typeof applicationSchema>;
/** The validated form, defaults applied. */
export type Application = z.output<typeof applicationSchema>;
