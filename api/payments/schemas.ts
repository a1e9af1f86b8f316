/**
 * Request and response shapes of the payments API, shared by the router and the OpenAPI document.
 */
import { z } from 'zod';
import { periodSchema } from '../../definitions/payments';
import { countyCodeSchema } from '../../definitions/shared/actors';
import { freeText, singleLine } from '../../definitions/shared/text';
import { rowVersionSchema } from '../http/schemas';
import { cursorParamSchema, keysetPaging, pageLimitSchema } from '../http/paging';

export const startCycleBodySchema = z.object({ county: countyCodeSchema, period: periodSchema });
export const cycleIdSchema = singleLine().regex(/^PC-\d{6}-\d{4}-\d{2}$/, '发放周期编号格式应为 PC-<县代码>-<YYYY-MM>');
export const commentBodySchema = z.object({ comment: freeText().trim().max(500).optional() });
export const correctionBodySchema = z.object({ reason: freeText().trim().min(1, '请填写退回原因').max(500) });
export const retriesQuerySchema = z.object({
  county: countyCodeSchema,
  open: z.enum(['true', 'false']).default('true'),
});
export const spendingQuerySchema = z.object({
  county: countyCodeSchema,
  period: periodSchema.optional(),
  /** csv: the same rows as a spreadsheet file (UTF-8 with BOM, for Excel). */
  format: z.enum(['json', 'csv']).default('json'),
  /** Where a cut-off CSV export goes on (the file's last line names it). */
  cursor: cursorParamSchema.optional(),
});

export const cyclesQuerySchema = z.object({
  county: countyCodeSchema,
  limit: pageLimitSchema,
  cursor: cursorParamSchema.optional(),
});
export const cycleLinesQuerySchema = z.object({ limit: pageLimitSchema, cursor: cursorParamSchema.optional() });

/** Keyset positions: a county has one cycle per month; a cycle's lines go by month paid for, entitlement, change. */
export const cyclePaging = keysetPaging(z.object({ period: periodSchema }));
export const linePaging = keysetPaging(
  z.object({
    forPeriod: periodSchema,
    entitlementId: z.string().regex(/^[1-9]\d{0,17}$/),
    changeSeq: rowVersionSchema('无效的游标'),
  })
);
export const spendingPaging = keysetPaging(
  z.object({ period: periodSchema, fundCode: singleLine().min(1).max(64), program: singleLine().min(1).max(64) })
);

export const retrySchema = z.object({
  ledgerId: z.string(),
  attempt: z.number().int(),
  entitlementId: z.string(),
  caseId: z.string(),
  period: z.string().describe('The month the payment is for'),
  amount: z.string(),
  failedInCycle: z.string(),
  failureReason: z.string(),
  duePeriod: z.string().describe('First cycle month it is paid again in'),
  consumedBy: z.string().nullable().describe('The cycle that took it; null while it waits'),
});

export const spendingSchema = z.object({
  county: z.string(),
  period: z.string().describe('Cash month: the cycle that paid'),
  fundCode: z.string(),
  program: z.string(),
  paidLines: z.number().int(),
  paidAmount: z.string().describe('Yuan, two decimals, summed from the ledger'),
  backPayLines: z.number().int().describe('Of the paid lines, those that are back pay (补发) or a raise’s difference'),
  backPayAmount: z.string().describe('Yuan, two decimals; the back-pay part of paidAmount'),
});

export const cycleListItemSchema = z.object({
  id: z.string(),
  county: z.string(),
  period: z.string(),
  step: z.string().describe('The step as the cycle last recorded it'),
  stepLabelZh: z.string(),
  preparer: z.string().nullable().describe('制单人 (user id)'),
  approver: z.string().nullable().describe('审核人 (user id)'),
  payableLines: z.number().int().nullable().describe('Null until the batch is built'),
  payableAmount: z.string().nullable(),
  backPayLines: z.number().int().nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export const cycleListAnswerSchema = z.object({
  items: z.array(cycleListItemSchema),
  nextCursor: z.string().nullable(),
});
export type CycleListAnswer = z.infer<typeof cycleListAnswerSchema>;
export type CycleListItem = z.infer<typeof cycleListItemSchema>;

export const cycleLineSchema = z.object({
  entitlementId: z.string(),
  forPeriod: z.string().describe('The month the payment is for'),
  changeSeq: z.number().int(),
  rollKind: z.enum(['regular', 'retry', 'backPay', 'difference']),
  ledgerKind: z
    .enum(['regular', 'backPay', 'difference'])
    .nullable()
    .describe('backPay: 补发; difference: 补发差额; a retry keeps the kind of the line it pays again'),
  caseId: z.string(),
  program: z.string(),
  fundCode: z.string(),
  amount: z.string(),
  holderName: z.string().nullable().describe('Masked as on a published list'),
  accountNumber: z.string().nullable().describe('Masked'),
  lineNo: z.number().int().nullable().describe('Line in the bank file'),
  attempt: z.number().int().nullable(),
  status: z.enum(['frozen', 'scheduled', 'exported', 'paid', 'failed', 'movedOn']),
  bankReference: z.string().nullable(),
  failureReason: z.string().nullable(),
  carriedBy: z.string().nullable().describe('movedOn: the later cycle that pays the line again'),
});
export const cycleLinesAnswerSchema = z.object({ items: z.array(cycleLineSchema), nextCursor: z.string().nullable() });
export type CycleLinesAnswer = z.infer<typeof cycleLinesAnswerSchema>;
export type CycleLine = z.infer<typeof cycleLineSchema>;
export type RetryItem = z.infer<typeof retrySchema>;
export type SpendingItem = z.infer<typeof spendingSchema>;
