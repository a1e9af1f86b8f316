/**
 * Help approved once and paid in stages (临时救助分次发放), and help paid first and checked after
 * (先行救助): both become an entitlement with a schedule of months and amounts, paid by the same
 * monthly cycles and the same ledger as monthly benefits, so each stage is paid exactly once.
 * No I/O.
 */
import { z } from 'zod';
import { toFen, toYuan } from './amounts';
import { addMonths, periodSchema } from './periods';

export const stageSchema = z.object({
  period: periodSchema,
  amount: z.string().regex(/^\d+(\.\d{1,2})?$/, '金额应为元，最多两位小数'),
});
export type Stage = z.infer<typeof stageSchema>;

/** Stages in strictly increasing months, each a positive amount. */
export const scheduleSchema = z
  .array(stageSchema)
  .min(1, '至少一期')
  .superRefine((stages, ctx) => {
    stages.forEach((stage, i) => {
      if (toFen(stage.amount) <= 0) ctx.addIssue({ code: 'custom', path: [i, 'amount'], message: '每期金额须大于零' });
      const previous = stages[i - 1];
      if (previous && previous.period >= stage.period) {
        ctx.addIssue({ code: 'custom', path: [i, 'period'], message: '各期月份须逐期递增' });
      }
    });
  });

/**
 * An approved total split into `count` monthly stages from `firstPeriod`; the fen that do not
 * divide evenly go to the last stage, so the stages add up to the total exactly.
 */
export function splitIntoStages(total: string, count: number, firstPeriod: string): Stage[] {
  const totalFen = toFen(total);
  const each = Math.floor(totalFen / count);
  return Array.from({ length: count }, (_, i) => ({
    period: addMonths(firstPeriod, i),
    amount: toYuan(i === count - 1 ? totalFen - each * (count - 1) : each),
  }));
}

export const scheduleTotal = (stages: readonly Stage[]): string =>
  toYuan(stages.reduce((sum, s) => sum + toFen(s.amount), 0));
