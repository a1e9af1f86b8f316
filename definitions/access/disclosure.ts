/**
 * Who sees a household's personal data in full, on which read, and what a supervisor must say to
 * read it at all. The reads listed here are the ones the access log (查询留痕) records; lists are
 * not among them: a list always shows masked values, to everyone.
 * No I/O.
 */
import { z } from 'zod';
import type { CallerRole } from '../shared/actors';
import { singleLine } from '../shared/text';
import { CASE_ID_SOURCE } from '../shared/caseIds';

/** The reads of one household's (or one payment cycle's) personal data. */
export const accessKindSchema = z.enum(
  ['caseView', 'verificationReport', 'integrity', 'household', 'referral', 'bankFile', 'temporalPayloads'],
  {
    error:
      'kind 须为 caseView（案件详情）、verificationReport（核对报告）、integrity（诚信档案）、household（家庭申请）、' +
      'referral（转介事项）、bankFile（代发文件）或 temporalPayloads（工作流数据解密）',
  }
);
export type AccessKind = z.infer<typeof accessKindSchema>;

export { accessKindLabelsZh } from './accessKindLabels';

/**
 * The roles that handle what each read shows, and so see its values in full (scope — the case's
 * own township or county, the referral's own department, the cycle's own county — is checked by
 * the route before anything is read):
 * - a case, its household application: the window clerk who took it (and who takes what is handed
 *   in later), the township that investigates it, the county that checks and decides it;
 * - the economic check and the integrity file: the township and county reviewers who weigh them;
 * - a referral: the township (or window) that sent it, and the department it was sent to, which
 *   has to reach the person — their phone and ID number are what it works with;
 * - the bank file: finance, who send it to the bank, where every digit of an account counts.
 * Every other reader — village staff, finance on a case, a county approver on a referral or bank
 * file — sees masked values.
 */
export const fullValueRoles: Record<AccessKind, readonly CallerRole[]> = {
  caseView: ['window', 'township', 'county'],
  verificationReport: ['township', 'county'],
  integrity: ['township', 'county'],
  household: ['window', 'township', 'county'],
  referral: ['window', 'township', 'department'],
  bankFile: ['finance'],
  // Decrypted or not at all: the policy lets only supervisors and admins decode (temporal-codec.use).
  temporalPayloads: ['supervisor', 'admin'],
};

export type Served = 'full' | 'masked';

/**
 * Supervisors handle no case: they read to check on others, so every read of theirs names its
 * purpose (which the log keeps), and with a purpose stated they see what the handlers see.
 */
export function purposeRequired(role: CallerRole): boolean {
  return role === 'supervisor';
}

export function servedValues(kind: AccessKind, role: CallerRole, purposeStated: boolean): Served {
  if (fullValueRoles[kind].includes(role)) return 'full';
  return role === 'supervisor' && purposeStated ? 'full' : 'masked';
}

/** A case id may be cited in a purpose; its hexadecimal part must not read as a long number. */
const CASE_ID = new RegExp(CASE_ID_SOURCE, 'g');

/**
 * Why a supervisor reads (查询用途): one short line in Chinese, kept in the access log as written.
 * The log holds no personal data, so a purpose may not quote an ID, phone or account number (a run
 * of 8 or more digits); a case id may be cited.
 */
export const purposeSchema = singleLine({ error: '请填写查询用途（purpose）' })
  .trim()
  .min(4, '查询用途至少4个字，请写明为何查阅，如“核查群众举报线索”')
  .max(100, '查询用途不超过100字')
  .refine((s) => /\p{Script=Han}/u.test(s), '请用中文写明查询用途，如“核查群众举报线索”')
  .refine(
    (s) => !/\d{8,}/.test(s.replace(CASE_ID, '')),
    '查询用途中不得填写身份证号、电话、账号等个人信息（8位及以上连续数字），写明事由即可，可引用案件编号'
  );
