/**
 * Legal periods as data. A period is counted in working days (工作日), calendar days, calendar months
 * (re-check cycles, phase-out), or — for demos
 * and tests that must finish in seconds — hours or seconds. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';

export const durationSchema = z
  .object({
    amount: z.number().positive(),
    unit: z.enum(['workingDays', 'calendarDays', 'months', 'hours', 'seconds']),
  })
  .refine((d) => d.unit !== 'months' || Number.isInteger(d.amount), {
    message: '以月计的期限须为整月数',
    path: ['amount'],
  });
export type Duration = z.infer<typeof durationSchema>;

const unitLabelZh: Record<Duration['unit'], string> = {
  workingDays: '个工作日',
  calendarDays: '日',
  months: '个月',
  hours: '小时',
  seconds: '秒',
};

export function describeDurationZh(duration: Duration): string {
  return `${duration.amount}${unitLabelZh[duration.unit]}`;
}
