/**
 * What a department reports about a household member: one record of income, an asset, or a civil
 * event, with the source system's own record id so every figure in an eligibility decision can be
 * traced back to the record it came from.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { dateOnlySchema } from '../shared/dates';
import { sourceIdSchema } from './sources';

export const findingKinds = [
  // Income, `amount` in yuan per month.
  'income',
  'pension',
  'tax',
  // Evidence of employment (a contribution record); not income by itself.
  'socialInsurance',
  // Assets, `amount` is the stock value in yuan.
  'deposit',
  'securities',
  'insurance',
  'internetFinance',
  'providentFund',
  'vehicle',
  'realEstate',
  'business',
  // Civil events and registrations; no amount.
  'death',
  'marriage',
  'registration',
  // Supporting evidence (utilities, telecoms): `amount` is a monthly bill.
  'utilities',
] as const;

export const findingKindSchema = z.enum(findingKinds);
export type FindingKind = z.infer<typeof findingKindSchema>;

/**
 * Conventional `category` values, per kind. Free text on the wire (a department may add its own),
 * but the rules refer to these.
 */
export const findingCategories = {
  /** income / tax: the same category reported by two departments is one income, counted once. */
  income: ['wage', 'business', 'property', 'agriculture', 'transfer', 'other'],
  /** socialInsurance: 'employment' means the member is contributing through an employer now. */
  socialInsurance: ['employment', 'flexible', 'resident'],
  vehicle: ['passengerCar', 'truck', 'motorcycle', 'agricultural', 'disabilityVehicle', 'vessel'],
  realEstate: ['residential', 'commercial'],
  /** business: only 'active' registrations count against the household. */
  business: ['active', 'deregistered'],
  marriage: ['married', 'divorced'],
} as const;

export const findingSchema = z.object({
  sourceId: sourceIdSchema,
  /** The member the record is about; absent for a household-level record (e.g. a utility account). */
  memberIdNumber: z.string().min(1).optional(),
  kind: findingKindSchema,
  /** A subtype within the kind; see `findingCategories`. */
  category: z.string().min(1).max(40).optional(),
  /** Yuan: per month for income kinds, the stock value for assets. */
  amount: z.number().min(0).optional(),
  /** How many (properties, vehicles, employees of a business). */
  count: z.number().int().min(0).optional(),
  date: dateOnlySchema().optional(),
  /** The source system's record id; the same reference twice is the same record. */
  reference: z.string().min(1),
  /** What the record says, in the department's words (Chinese), for staff. */
  detail: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const findingKindLabelsZh: Record<FindingKind, string> = {
  income: '收入',
  pension: '养老金',
  tax: '纳税收入',
  socialInsurance: '社会保险参保',
  deposit: '银行存款',
  securities: '证券资产',
  insurance: '商业保险',
  internetFinance: '互联网金融资产',
  providentFund: '住房公积金',
  vehicle: '车辆船舶',
  realEstate: '不动产',
  business: '市场主体登记',
  death: '死亡登记',
  marriage: '婚姻登记',
  registration: '户籍登记',
  utilities: '水电气缴费',
};
