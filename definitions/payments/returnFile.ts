/**
 * The bank's return file (回盘文件), layout v1: a header record, then one record per payment the
 * bank answers for, keyed by the reference it was sent. Every record is checked with zod; a bad
 * file is refused whole, with the line number and field of each problem, so staff can send it
 * back to the bank rather than half-apply it.
 * No I/O: runs inside the workflow sandbox and in the activities.
 */
import { z } from 'zod';
import { toFen } from './amounts';
import { csvFields, csvRecords } from './csvFields';

export const returnFileColumnsV1 = ['reference', 'status', 'amount', 'bank_reference', 'failure_reason'] as const;

const returnRecordSchema = z
  .object({
    reference: z.string().regex(/^YL\d+A\d+$/, '流水号格式应为 YL<编号>A<次数>'),
    status: z.enum(['paid', 'failed'], { error: '状态应为 paid 或 failed' }),
    amount: z.string().regex(/^\d+(\.\d{1,2})?$/, '金额应为元，最多两位小数'),
    bank_reference: z.string().max(64, '银行流水号过长'),
    failure_reason: z.string().max(200, '失败原因过长'),
  })
  .superRefine((r, ctx) => {
    if (r.status === 'failed' && r.failure_reason.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['failure_reason'], message: '失败记录须写明失败原因' });
    }
    if (r.status === 'paid' && r.bank_reference.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['bank_reference'], message: '成功记录须有银行流水号' });
    }
  });

export const returnLineSchema = z.object({
  /** Line number in the file (the header is line 1). */
  line: z.number().int(),
  reference: z.string(),
  status: z.enum(['paid', 'failed']),
  amountFen: z.number().int(),
  bankReference: z.string().nullable(),
  failureReason: z.string().nullable(),
});
export type ReturnLine = z.infer<typeof returnLineSchema>;

export interface FileProblem {
  /** 1-based line in the file; 0 for the file as a whole. */
  line: number;
  field: string | null;
  message: string;
}

export type ParsedReturnFile = { ok: true; lines: ReturnLine[] } | { ok: false; problems: FileProblem[] };

/** A refusal as it is reported: the first problems and how many there are in all. */
export interface ProblemReport {
  problems: FileProblem[];
  problemCount: number;
}

export function problemReport(problems: readonly FileProblem[], limit: number): ProblemReport {
  return { problems: problems.slice(0, limit), problemCount: problems.length };
}

/**
 * Characters no bank file holds: control characters (tab aside; line breaks end records), a BOM
 * after the start of the file, and U+FFFD, which stands where the upload had bytes that are not
 * UTF-8. PostgreSQL refuses a NUL in text, so they must be found here, by line.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unreadableCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFD]/;

function unreadableMessage(ch: string): string {
  if (ch === '\uFFFD') return '含有无法按 UTF-8 读出的字节：回盘文件须为 UTF-8 编码，请让银行重新导出';
  if (ch === '\uFEFF') return '文件中间含有字节顺序标记（BOM，U+FEFF），请删除后重新上传';
  const code = `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `含有控制字符 ${code}，请让银行重新导出，或删除该字符后重新上传`;
}

/** The record's first unreadable character, in the column it sits in when the record splits. */
function characterProblem(record: string, line: number): FileProblem | null {
  const found = unreadableCharacter.exec(record);
  if (!found) return null;
  const index = csvFields(record)?.findIndex((f) => unreadableCharacter.test(f)) ?? -1;
  return {
    line,
    field: line === 1 ? null : (returnFileColumnsV1[index] ?? null),
    message: unreadableMessage(found[0]),
  };
}

/** One record after the header: its line, what is wrong with it, or null for a blank record. */
function parseRecord(record: string, line: number): ReturnLine | FileProblem[] | null {
  // Before the blank check: trim() would take a lone BOM or form feed for white space.
  const unreadable = characterProblem(record, line);
  if (unreadable) return [unreadable];
  if (record.trim() === '') return null;
  const fields = csvFields(record);
  if (fields?.length !== returnFileColumnsV1.length) {
    return [{ line, field: null, message: `应有 ${returnFileColumnsV1.length} 列，引号须成对` }];
  }
  const [reference, status, amount, bank_reference, failure_reason] = fields;
  const parsed = returnRecordSchema.safeParse({ reference, status, amount, bank_reference, failure_reason });
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      line,
      field: issue.path.map(String).join('.') || null,
      message: issue.message,
    }));
  }
  const r = parsed.data;
  return {
    line,
    reference: r.reference,
    status: r.status,
    amountFen: toFen(r.amount),
    bankReference: r.bank_reference.trim() || null,
    failureReason: r.status === 'failed' ? r.failure_reason.trim() : null,
  };
}

export function parseReturnFile(text: string): ParsedReturnFile {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const headerProblem = records[0] === undefined ? null : characterProblem(records[0], 1);
  if (headerProblem) return { ok: false, problems: [headerProblem] };
  const header = records[0] === undefined ? null : csvFields(records[0]);
  if (header?.join(',') !== returnFileColumnsV1.join(',')) {
    return {
      ok: false,
      problems: [{ line: 1, field: null, message: `表头应为：${returnFileColumnsV1.join(',')}` }],
    };
  }
  const problems: FileProblem[] = [];
  const lines: ReturnLine[] = [];
  records.forEach((record, index) => {
    const parsed = index === 0 ? null : parseRecord(record, index + 1);
    if (Array.isArray(parsed)) problems.push(...parsed);
    else if (parsed) lines.push(parsed);
  });
  if (problems.length === 0 && lines.length === 0) {
    problems.push({ line: 0, field: null, message: '回盘文件没有任何记录' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}
