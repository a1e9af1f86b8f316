/**
 * From an event's payload JSON schema (the OpenAPI document's `x-event-payloads`) to the fields of
 * a form, and from the form's values back to a payload. Pure: the form component draws the fields.
 * Labels come from the schema's title or description when it has one, else from the names below,
 * else the field's own name; enum values likewise.
 */
import type { Dayjs } from 'dayjs';

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minItems?: number;
  maxLength?: number;
  format?: string;
  anyOf?: JsonSchema[];
}

export type FieldKind = 'text' | 'textarea' | 'number' | 'boolean' | 'select' | 'date' | 'list' | 'group';

export interface FieldSpec {
  name: string;
  labelZh: string;
  required: boolean;
  kind: FieldKind;
  options?: { value: string; label: string }[];
  /** For a list: the fields of each item; for a group: its fields. */
  children?: FieldSpec[];
  minItems?: number;
  initial?: unknown;
  /** A list of plain text: one item a line. */
  lines?: boolean;
  /** A select that takes several values. */
  multiple?: boolean;
}

/** Field names the charts' payloads use, in the words of the procedure. */
export const fieldLabelsZh: Record<string, string> = {
  investigators: '调查人员',
  userId: '工号',
  name: '姓名',
  visitedOn: '入户调查日期',
  findings: '调查情况',
  familySigned: '申请人或家庭成员已签字确认',
  verdict: '调查结论',
  referTo: '转介至',
  claim: '申请救助事项',
  kind: '类别',
  amountClaimed: '申请金额（元）',
  description: '情况说明',
  comment: '备注',
  opinion: '初审意见',
  reasons: '理由',
  reason: '原因',
  fraud: '存在骗保情形',
  summary: '异议内容',
  complaint: '属于实名举报',
  attendees: '参加人数',
  outcome: '评议结果',
  minutes: '评议记录',
  monthlyAmount: '月保障金额（元）',
  deliveredOn: '送达日期',
  ground: '依据',
  explanation: '具体情况',
  items: '材料',
  materials: '材料',
  missing: '缺少的材料',
  recheckCycle: '复核周期',
  startMonth: '起始月份',
  amount: '金额（元）',
};

export const enumLabelsZh: Record<string, string> = {
  truthful: '情况属实',
  untruthful: '情况不实',
  referOther: '转介其他救助',
  tekun: '特困人员供养',
  temporaryHelp: '临时救助',
  dibao: '最低生活保障',
  expense: '支出型困难',
  emergency: '急难型困难',
  support: '同意',
  oppose: '不同意',
  stable: '稳定（每年复核）',
  irregular: '不稳定（每半年复核）',
  income: '收入变化',
  members: '家庭成员变化',
  memberDied: '家庭成员死亡',
  employment: '就业变化',
  address: '住址变化',
  assets: '财产变化',
};

const typeOf = (schema: JsonSchema): string | undefined =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;

function specOf(name: string, schema: JsonSchema, required: boolean): FieldSpec {
  const labelZh = schema.title ?? schema.description ?? fieldLabelsZh[name] ?? name;
  const base = { name, labelZh, required };
  const options = (schema.enum ?? schema.items?.enum)?.map((v) => ({
    value: String(v),
    label: enumLabelsZh[String(v)] ?? String(v),
  }));
  const type = typeOf(schema);
  if (schema.enum && options) return { ...base, kind: 'select', options, initial: schema.default };
  if (type === 'boolean') return { ...base, kind: 'boolean', initial: schema.default };
  if (type === 'number' || type === 'integer') return { ...base, kind: 'number' };
  if (type === 'array' && schema.items && typeOf(schema.items) === 'object') {
    return { ...base, kind: 'list', children: fieldsOf(schema.items), minItems: schema.minItems ?? 1 };
  }
  if (type === 'array' && options) return { ...base, kind: 'select', options, multiple: true };
  if (type === 'array') return { ...base, kind: 'textarea', lines: true, labelZh: `${labelZh}（每行一项）` };
  if (type === 'object') return { ...base, kind: 'group', children: fieldsOf(schema) };
  if (schema.format === 'date' || /(On|Date)$/.test(name)) return { ...base, kind: 'date' };
  return { ...base, kind: (schema.maxLength ?? 0) > 200 ? 'textarea' : 'text' };
}

/** The form's fields for a payload schema, required ones first as the schema lists them. */
export function fieldsOf(schema: JsonSchema): FieldSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => specOf(name, property, required.has(name)));
}

const isDayjs = (value: unknown): value is Dayjs =>
  typeof value === 'object' && value !== null && typeof (value as Dayjs).format === 'function';

/**
 * The payload from the form's values: dates as YYYY-MM-DD, empty text, unticked boxes, empty groups
 * and list rows left out, so the API (not the browser) says what is missing, at the field.
 * A list of plain text is written one item a line.
 */
export function payloadOf(values: unknown, fields: FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const record = (values ?? {}) as Record<string, unknown>;
  for (const field of fields) {
    const value = clean(record[field.name], field);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

function clean(value: unknown, field: FieldSpec): unknown {
  if (value === undefined || value === null) return undefined;
  if (isDayjs(value)) return value.format('YYYY-MM-DD');
  switch (field.kind) {
    case 'boolean':
      return value === true ? true : undefined;
    case 'text':
    case 'textarea': {
      // Inputs give strings; anything else is not text this form wrote.
      if (typeof value !== 'string') return undefined;
      if (field.lines) {
        const lines = value
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '');
        return lines.length > 0 ? lines : undefined;
      }
      const text = value.trim();
      return text === '' ? undefined : text;
    }
    case 'group': {
      const inner = payloadOf(value, field.children ?? []);
      return Object.keys(inner).length > 0 ? inner : undefined;
    }
    case 'list': {
      if (!Array.isArray(value)) return undefined;
      const rows = value.map((row) => payloadOf(row, field.children ?? []));
      // A row left blank is dropped only when trailing, so the API's row numbers match the form's.
      while (rows.length > 0 && Object.keys(rows[rows.length - 1]!).length === 0) rows.pop();
      return rows.length > 0 ? rows : undefined;
    }
    case 'select':
      return Array.isArray(value) ? (value.length > 0 ? value : undefined) : value === '' ? undefined : value;
    default:
      return value;
  }
}

/** What the confirmation of a decision says: most move the case on; an extension changes its clock. */
export function confirmationZh(eventType: string): string {
  return eventType === 'EXTEND_TIME_LIMIT'
    ? '提交后本案受理至审核确认的总时限按规定延长（自受理之日起计算，时限见案件的“办理时限”），每个案件只能延长一次，且不能撤销。请核对延长原因和具体情况。'
    : '提交后案件将按此决定进入下一环节，且不能撤销。请核对填写的内容。';
}

/** Decisions that change the course of a case: confirmed before they are sent. */
export function isDecision(eventType: string): boolean {
  return /^(ACCEPT|DECLINE|APPROVE|REJECT|PROPOSE_|TERMINATE|SEND_BACK|WITHDRAW|UPHOLD_|OVERTURN_|CONTINUE_BENEFIT|CHANGE_BENEFIT|START_PHASE_OUT|EXTEND_TIME_LIMIT|DELIVER_)/.test(
    eventType
  );
}
