/**
 * The names of the materials' codes (one catalogue for every program), with no imports, so the
 * console can list them at run time without the schemas (materials.ts holds the codes' schema).
 * No I/O.
 */
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
