/**
 * The departments a household's economic situation is checked against (家庭经济状况核对), by id,
 * with the name staff see. Ids live on the pure side because every finding names its source and
 * the workflow fans out one check per source; the adapters that query them live in registries/.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';

export const sourceIds = [
  'householdRegistration',
  'civilAffairs',
  'socialSecurity',
  'realEstate',
  'vehicles',
  'businessRegistration',
  'tax',
  'providentFund',
  'banks',
  'securities',
  'insurers',
  'internetFinance',
  'utilities',
] as const;

export const sourceIdSchema = z.enum(sourceIds);
export type SourceId = z.infer<typeof sourceIdSchema>;

export const sourceLabelsZh: Record<SourceId, string> = {
  householdRegistration: '公安户籍',
  civilAffairs: '民政婚姻、死亡、殡葬',
  socialSecurity: '人社就业、养老、社保',
  realEstate: '不动产登记',
  vehicles: '车辆船舶',
  businessRegistration: '市场监管登记',
  tax: '税务',
  providentFund: '住房公积金',
  banks: '银行存款',
  securities: '证券',
  insurers: '保险（含商业保险）',
  internetFinance: '互联网金融资产',
  utilities: '水电气等辅助信息',
};
