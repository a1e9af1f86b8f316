/**
 * The development stand-ins for the departments' systems: one PostgreSQL table per source
 * (`registry_<source>`, created by migrations/002_registry_sources.sql), each row one record of the
 * department keyed by the person's id number, with the department's record reference. This module
 * says, per source, which columns a row has (the layout of the CSV/JSON files too) and how a row
 * becomes a finding. The registry adapter, the loader and the generator all read it.
 */
import { z } from 'zod';
import type { Finding, SourceId } from '../definitions/eligibility';
import { dateOnlySchema } from '../definitions/shared/dates';

type ColumnType = 'text' | 'money' | 'integer' | 'date';
interface Column {
  type: ColumnType;
  optional?: boolean;
  /** Allowed values of a text column. */
  values?: readonly string[];
  /** A pattern a text column must match. */
  pattern?: RegExp;
}

type ColumnValue<C extends Column> = C extends { values: readonly (infer V)[] }
  ? V
  : C['type'] extends 'money' | 'integer'
    ? number
    : string;
export type RowOf<Cs extends Record<string, Column>> = { record_ref: string; id_number: string } & {
  [K in keyof Cs]: Cs[K]['optional'] extends true ? ColumnValue<Cs[K]> | null : ColumnValue<Cs[K]>;
};

/** A validated row: column name → value (numbers for money and integers, 'YYYY-MM-DD' for dates). */
export type RegistryRow = Record<string, string | number | null>;

export interface RegistryTable {
  sourceId: SourceId;
  table: string;
  /** Every column, `record_ref` and `id_number` first, in file and insert order. */
  columns: readonly string[];
  columnTypes: Readonly<Record<string, ColumnType>>;
  /** Validates and normalises one raw row (CSV strings or JSON values). */
  rowSchema: z.ZodType<RegistryRow>;
  toFinding(row: RegistryRow): Finding;
}

const blankToNull = (value: unknown): unknown => (value === '' || value === undefined ? null : value);

function columnSchema(column: Column): z.ZodType<string | number | null> {
  const base: z.ZodType<string | number> =
    column.type === 'money'
      ? z.coerce.number().min(0)
      : column.type === 'integer'
        ? z.coerce.number().int().min(0)
        : column.type === 'date'
          ? dateOnlySchema()
          : column.values
            ? z.enum(column.values as [string, ...string[]])
            : z
                .string()
                .trim()
                .min(1)
                .regex(column.pattern ?? /^/);
  return z.preprocess(blankToNull, column.optional ? base.nullable() : base);
}

function defineTable<const Cs extends Record<string, Column>>(
  sourceId: SourceId,
  table: string,
  columns: Cs,
  toFinding: (row: RowOf<Cs>) => Omit<Finding, 'sourceId' | 'memberIdNumber' | 'reference'>
): RegistryTable {
  const all: Record<string, Column> = { record_ref: { type: 'text' }, id_number: { type: 'text' }, ...columns };
  const shape = Object.fromEntries(Object.entries(all).map(([name, column]) => [name, columnSchema(column)]));
  const rowSchema = z
    .object(shape)
    .strict()
    .transform((row) => ({
      ...row,
      id_number: String(row.id_number).toUpperCase(),
    })) as unknown as z.ZodType<RegistryRow>;
  return {
    sourceId,
    table,
    columns: Object.keys(all),
    columnTypes: Object.fromEntries(Object.entries(all).map(([name, column]) => [name, column.type])),
    rowSchema,
    toFinding: (row) => {
      // Rows reach here validated by rowSchema, so they have the shape the mapping expects.
      const typed = row as RowOf<Cs>;
      const finding = { sourceId, memberIdNumber: typed.id_number, reference: typed.record_ref, ...toFinding(typed) };
      // Absent, not undefined: a finding travels as JSON and is compared as data.
      return Object.fromEntries(Object.entries(finding).filter(([, value]) => value !== undefined)) as Finding;
    },
  };
}

const text = { type: 'text' } as const;
const optionalText = { type: 'text', optional: true } as const;
const money = { type: 'money' } as const;
const optionalMoney = { type: 'money', optional: true } as const;
const optionalDate = { type: 'date', optional: true } as const;
const oneOf = <const V extends readonly string[]>(values: V) => ({ type: 'text', values }) as const;

const yuan = (value: number): string => `${value.toFixed(2)}元`;
const optional = <T>(value: T | null): T | undefined => value ?? undefined;

export const registryTables: Record<SourceId, RegistryTable> = {
  householdRegistration: defineTable(
    'householdRegistration',
    'registry_household_registration',
    { name: text, household_number: text, address: text, registered_on: optionalDate },
    (r) => ({
      kind: 'registration',
      date: optional(r.registered_on),
      detail: `户籍登记：${r.name}，户号${r.household_number}，${r.address}`,
    })
  ),
  civilAffairs: defineTable(
    'civilAffairs',
    'registry_civil_affairs',
    { event: oneOf(['death', 'funeral', 'marriage', 'divorce']), event_date: { type: 'date' }, note: optionalText },
    (r) => {
      const labels = { death: '死亡登记', funeral: '火化（殡葬）登记', marriage: '结婚登记', divorce: '离婚登记' };
      const civil = r.event === 'death' || r.event === 'funeral';
      return {
        kind: civil ? 'death' : 'marriage',
        ...(civil ? {} : { category: r.event === 'marriage' ? 'married' : 'divorced' }),
        date: r.event_date,
        detail: `${labels[r.event]}（${r.event_date}）${r.note ? `：${r.note}` : ''}`,
      };
    }
  ),
  socialSecurity: defineTable(
    'socialSecurity',
    'registry_social_security',
    {
      record_type: oneOf(['wage', 'pension', 'unemploymentBenefit', 'contribution']),
      monthly_amount: optionalMoney,
      employer: optionalText,
      since: optionalDate,
    },
    (r) => {
      const amount = optional(r.monthly_amount);
      const at = r.employer ? `（${r.employer}）` : '';
      switch (r.record_type) {
        case 'wage':
          return { kind: 'income', category: 'wage', amount, detail: `工资收入${yuan(amount ?? 0)}/月${at}` };
        case 'pension':
          return { kind: 'pension', category: 'pension', amount, detail: `养老金${yuan(amount ?? 0)}/月` };
        case 'unemploymentBenefit':
          return { kind: 'income', category: 'transfer', amount, detail: `失业保险金${yuan(amount ?? 0)}/月` };
        default:
          return {
            kind: 'socialInsurance',
            category: r.employer ? 'employment' : 'flexible',
            date: optional(r.since),
            detail: `社会保险参保缴费${at}${r.since ? `，自${r.since}` : ''}`,
          };
      }
    }
  ),
  realEstate: defineTable(
    'realEstate',
    'registry_real_estate',
    {
      address: text,
      use: oneOf(['residential', 'commercial']),
      floor_area: optionalMoney,
      assessed_value: optionalMoney,
    },
    (r) => ({
      kind: 'realEstate',
      category: r.use,
      count: 1,
      amount: optional(r.assessed_value),
      detail: `${r.use === 'residential' ? '住宅' : '非住宅'}：${r.address}${r.floor_area ? `，${r.floor_area}平方米` : ''}`,
    })
  ),
  vehicles: defineTable(
    'vehicles',
    'registry_vehicles',
    {
      plate: text,
      vehicle_type: oneOf(['passengerCar', 'truck', 'motorcycle', 'agricultural', 'disabilityVehicle', 'vessel']),
      assessed_value: optionalMoney,
      registered_on: optionalDate,
    },
    (r) => {
      const labels = {
        passengerCar: '小型客车',
        truck: '货车',
        motorcycle: '摩托车',
        agricultural: '农用车辆',
        disabilityVehicle: '残疾人专用代步车',
        vessel: '船舶',
      };
      return {
        kind: 'vehicle',
        category: r.vehicle_type,
        count: 1,
        amount: optional(r.assessed_value),
        date: optional(r.registered_on),
        detail: `${labels[r.vehicle_type]}${r.plate}${r.assessed_value === null ? '，价值不明' : `，评估价值${yuan(r.assessed_value)}`}`,
      };
    }
  ),
  businessRegistration: defineTable(
    'businessRegistration',
    'registry_business_registration',
    {
      entity_name: text,
      entity_type: oneOf(['individual', 'company', 'cooperative']),
      registered_capital: money,
      employees: { type: 'integer' },
      status: oneOf(['active', 'deregistered']),
    },
    (r) => ({
      kind: 'business',
      category: r.status,
      amount: r.registered_capital,
      count: r.employees,
      detail: `${r.entity_name}（${{ individual: '个体工商户', company: '公司', cooperative: '合作社' }[r.entity_type]}，注册资本${yuan(r.registered_capital)}，雇工${r.employees}人，${r.status === 'active' ? '存续' : '已注销'}）`,
    })
  ),
  tax: defineTable(
    'tax',
    'registry_tax',
    {
      tax_year: { type: 'integer' },
      income_type: oneOf(['wage', 'business', 'property', 'other']),
      annual_income: money,
    },
    (r) => ({
      kind: 'tax',
      category: r.income_type,
      // A year's income as a month's: the rules compare monthly figures.
      amount: Math.round((r.annual_income * 100) / 12) / 100,
      detail: `${r.tax_year}年度纳税申报收入${yuan(r.annual_income)}`,
    })
  ),
  providentFund: defineTable(
    'providentFund',
    'registry_provident_fund',
    {
      balance: money,
      monthly_contribution: optionalMoney,
      employer: optionalText,
      status: oneOf(['active', 'sealed']),
    },
    (r) => ({
      kind: 'providentFund',
      category: r.status,
      amount: r.balance,
      detail: `住房公积金余额${yuan(r.balance)}${r.employer ? `（${r.employer}）` : ''}，${r.status === 'active' ? '正常缴存' : '封存'}`,
    })
  ),
  banks: defineTable(
    'banks',
    'registry_banks',
    { bank_name: text, account_no: text, balance: money, as_of: { type: 'date' } },
    (r) => ({
      kind: 'deposit',
      amount: r.balance,
      date: r.as_of,
      detail: `${r.bank_name}账户${r.account_no}余额${yuan(r.balance)}（${r.as_of}）`,
    })
  ),
  securities: defineTable(
    'securities',
    'registry_securities',
    { broker: text, account_no: text, market_value: money, as_of: { type: 'date' } },
    (r) => ({
      kind: 'securities',
      amount: r.market_value,
      date: r.as_of,
      detail: `${r.broker}证券账户${r.account_no}市值${yuan(r.market_value)}（${r.as_of}）`,
    })
  ),
  insurers: defineTable(
    'insurers',
    'registry_insurers',
    { insurer: text, product: text, product_type: oneOf(['life', 'annuity', 'health', 'property']), cash_value: money },
    (r) => ({
      kind: 'insurance',
      category: r.product_type,
      amount: r.cash_value,
      detail: `${r.insurer}《${r.product}》现金价值${yuan(r.cash_value)}`,
    })
  ),
  internetFinance: defineTable(
    'internetFinance',
    'registry_internet_finance',
    { platform: text, product: text, balance: money, as_of: { type: 'date' } },
    (r) => ({
      kind: 'internetFinance',
      amount: r.balance,
      date: r.as_of,
      detail: `${r.platform}${r.product}余额${yuan(r.balance)}（${r.as_of}）`,
    })
  ),
  utilities: defineTable(
    'utilities',
    'registry_utilities',
    {
      utility: oneOf(['electricity', 'water', 'gas', 'telecom']),
      account_no: text,
      monthly_amount: money,
      period: { type: 'text', pattern: /^\d{4}-\d{2}$/ },
    },
    (r) => ({
      kind: 'utilities',
      category: r.utility,
      amount: r.monthly_amount,
      detail: `${{ electricity: '电费', water: '水费', gas: '燃气费', telecom: '通信费' }[r.utility]}${r.period}：${yuan(r.monthly_amount)}`,
    })
  ),
};
