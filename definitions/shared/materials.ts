/**
 * The materials an applicant may hand in, by code, with the name staff and applicants see.
 * One catalogue for every program, so a document handed in once is recognised by all of them.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';

export const materialLabelsZh = {
  idCard: '居民身份证',
  householdRegister: '户口簿',
  applicationForm: '救助申请书',
  integrityPledge: '守信承诺书',
  checkAuthorisation: '家庭经济状况核对授权书',
  /** Signed by each legally obliged supporter of a 特困 applicant (《特困人员认定办法》第十条). */
  supporterCheckAuthorisation: '法定义务人经济状况核对授权书',
  incomeProof: '收入证明',
  disabilityCard: '残疾人证',
  medicalRecords: '病历及医疗费用票据',
  marriageCertificate: '婚姻状况证明',
  propertyStatement: '财产状况说明',
  bankAccount: '银行账户信息',
  proxyAuthorisation: '委托书',
  schoolEnrolment: '在校就读证明',
  unemploymentRegistration: '失业登记证明',
} as const;

export type MaterialCode = keyof typeof materialLabelsZh;

const materialCodes = Object.keys(materialLabelsZh) as [MaterialCode, ...MaterialCode[]];
export const materialCodeSchema = z.enum(materialCodes, {
  error: () => `材料代码无效，可用代码：${materialCodes.join('、')}`,
});

export function materialListZh(codes: readonly MaterialCode[]): string {
  return codes.map((c) => materialLabelsZh[c]).join('、');
}
