/**
 * Request and response shapes of the payments API, shared by the router and the OpenAPI document.
 */
import { z } from 'zod';
import { periodSchema } from '../definitions/payments';
import { countyCodeSchema } from '../definitions/shared/actors';
import { freeText, singleLine } from '../definitions/shared/text';

export const startCycleBodySchema = z.object({ county: countyCodeSchema, period: periodSchema });
export const cycleIdSchema = singleLine().regex(/^PC-\d{6}-\d{4}-\d{2}$/, '发放周期编号格式应为 PC-<县代码>-<YYYY-MM>');
export const commentBodySchema = z.object({ comment: freeText().trim().max(500).optional() });
export const correctionBodySchema = z.object({ reason: freeText().trim().min(1, '请填写退回原因').max(500) });
export const retriesQuerySchema = z.object({
  county: countyCodeSchema,
  open: z.enum(['true', 'false']).default('true'),
});
export const spendingQuerySchema = z.object({ county: countyCodeSchema, period: periodSchema.optional() });

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
