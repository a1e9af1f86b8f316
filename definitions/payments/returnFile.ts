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

export function parseReturnFile(text: string): ParsedReturnFile {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const header = records[0] === undefined ? null : csvFields(records[0]);
  if (header?.join(',') !== returnFileColumnsV1.join(',')) {
    return {
      ok: false,
      problems: [{ line: 1, field: null, message: `表头应为：${returnFileColumnsV1.join(',')}` }],
    };
  }
  const problems: FileProblem[] = [];
  const lines: ReturnLine[] = [];
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    if (record.trim() === '') return;
    const fields = csvFields(record);
    if (fields?.length !== returnFileColumnsV1.length) {
      problems.push({ line, field: null, message: `应有 ${returnFileColumnsV1.length} 列，引号须成对` });
      return;
    }
    const parsed = returnRecordSchema.safeParse(Object.fromEntries(returnFileColumnsV1.map((c, i) => [c, fields[i]])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, field: issue.path.map(String).join('.') || null, message: issue.message });
      }
      return;
    }
    const r = parsed.data;
    lines.push({
      line,
      reference: r.reference,
      status: r.status,
      amountFen: toFen(r.amount),
      bankReference: r.bank_reference.trim() || null,
      failureReason: r.status === 'failed' ? r.failure_reason.trim() : null,
    });
  });
  if (problems.length === 0 && lines.length === 0) {
    problems.push({ line: 0, field: null, message: '回盘文件没有任何记录' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}
