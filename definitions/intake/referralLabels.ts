/**
 * The names of the referrals (转介事项), with type-only imports, so the console can show them at
 * run time without the schemas (householdForm.ts holds the codes' schema).
 * No I/O.
 */
import type { ReferralKind } from './householdForm';

export const referralLabelsZh: Record<ReferralKind, string> = {
  education: '教育救助',
  medical: '医疗救助',
  housing: '住房救助',
  employment: '就业救助',
  rehabilitation: '残疾人康复服务',
  legalAid: '法律援助',
};
