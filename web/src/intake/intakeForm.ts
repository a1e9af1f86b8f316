/**
 * The intake form's pure parts: the labels of the household form's choices, the identity-number
 * check as the clerk types (the server's own check, GB 11643), and the request bodies built from
 * the form's values. The form names its fields as the request body does, so a 400's field paths
 * land at the right field.
 */
import { birthDateOfResidentId, isValidResidentId } from '../../../definitions/shared/residentIdCheck';
import type { HouseholdApplicationInput, MaterialCode } from '../api/types';

export { birthDateOfResidentId, isValidResidentId };

type MemberInput = HouseholdApplicationInput['household']['members'][number];

/**
 * What the form holds: the request body, plus the console's own fields — the materials the clerk
 * marked as still missing, and whether the applicant declared a close relative among the staff.
 */
export type IntakeValues = HouseholdApplicationInput & { missing?: MaterialCode[]; closeRelativeDeclared?: boolean };

type Payee = NonNullable<HouseholdApplicationInput['payee']>;

/** The payee account when the clerk filled any of it (the API says what is missing), else null: it may come later. */
function payeeOf(payee: Partial<Payee> | null | undefined): Payee | null {
  if (!payee) return null;
  const filled = Object.values(payee).some((v) => typeof v === 'string' && v.trim() !== '');
  return filled ? (payee as Payee) : null;
}

export const relationLabelsZh: Record<MemberInput['relation'], string> = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandparent: '祖父母、外祖父母',
  grandchild: '孙子女、外孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
};

export const employmentLabelsZh: Record<MemberInput['employment'], string> = {
  employed: '在业',
  unemployed: '失业',
  unableToWork: '无劳动能力',
  student: '在校学生',
  retired: '退休',
  child: '学龄前儿童',
};

export const disabilityLabelsZh: Record<NonNullable<MemberInput['disability']>, string> = {
  none: '无',
  mild: '轻度',
  moderate: '中度',
  severe: '重度',
};

type Housing = NonNullable<NonNullable<HouseholdApplicationInput['circumstances']>['housing']>;
export const housingLabelsZh: Record<Housing, string> = { adequate: '安全住房', unsafe: '危房', none: '无房' };

export const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

/** Why an identity number as typed so far is not valid, or undefined when it is. */
export function residentIdProblem(raw: string | undefined): string | undefined {
  const id = (raw ?? '').trim().toUpperCase();
  if (id === '') return '请填写公民身份号码';
  if (!/^\d*X?$/.test(id)) return '公民身份号码只能是数字，末位可为 X';
  if (id.length !== 18) return `公民身份号码应为18位，已输入${id.length}位`;
  if (!isValidResidentId(id)) return '公民身份号码无效，请核对后重新填写（18位，末位校验码）';
  return undefined;
}

/** The household application's body: what the form holds, less the console's own missing list. */
export function applicationBody(values: IntakeValues): HouseholdApplicationInput {
  const { missing: _missing, closeRelativeDeclared, ...body } = values;
  const programs = body.programs ?? [];
  return {
    ...body,
    channel: 'window',
    payee: payeeOf(body.payee),
    closeRelative: closeRelativeDeclared ? (body.closeRelative ?? { staffName: '', relation: '' }) : null,
    // Sections of programs not chosen (filled, then unticked) are not sent.
    temporaryHelp: programs.includes('temporaryHelp') ? body.temporaryHelp : undefined,
    tekun: programs.includes('tekun') ? body.tekun : undefined,
  };
}

/** The needs assessment's body: the household as declared, nothing selected yet. */
export function assessmentBody(values: IntakeValues): Omit<HouseholdApplicationInput, 'programs' | 'referrals'> {
  const { programs: _p, referrals: _r, temporaryHelp: _t, tekun: _k, ...rest } = applicationBody(values);
  return rest;
}

/** A fresh Idempotency-Key for one form: the same key on every retry of it, a new one for the next household. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `intake-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Form fields whose change makes a shown needs assessment stale. */
const NOT_ASSESSED = new Set([
  'programs',
  'referrals',
  'temporaryHelp',
  'tekun',
  'missing',
  'materials',
  'payee',
  'closeRelative',
  'closeRelativeDeclared',
]);
export const changesAssessment = (changed: Record<string, unknown>) =>
  Object.keys(changed).some((key) => !NOT_ASSESSED.has(key));
