/**
 * Payment periods as 'YYYY-MM' months in China time (UTC+8, no daylight saving). A benefit is paid
 * from the month after approval, so the month an instant falls in must be China's, not the server's.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { isSupportedDate, SUPPORTED_DATES } from '../shared/dates';

export const periodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '期间格式应为 YYYY-MM，例如 2026-12')
  // The same technical bound as every date a request may name (year 0000 is no month PostgreSQL knows).
  .refine(
    (period) => isSupportedDate(`${period}-01`),
    `期间须在 ${SUPPORTED_DATES.earliest.slice(0, 7)} 至 ${SUPPORTED_DATES.latest.slice(0, 7)} 之间`
  )
  .describe('A payment month, YYYY-MM');
export type Period = z.infer<typeof periodSchema>;

const CHINA_OFFSET_MS = 8 * 3600_000;

function monthIndex(period: string): number {
  const [year, month] = period.split('-').map(Number);
  return (year ?? 0) * 12 + (month ?? 1) - 1;
}

function fromMonthIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month an instant falls in, in China time. */
export function periodOf(instant: string | Date): string {
  const china = new Date(new Date(instant).getTime() + CHINA_OFFSET_MS);
  return fromMonthIndex(china.getUTCFullYear() * 12 + china.getUTCMonth());
}

export function addMonths(period: string, months: number): string {
  return fromMonthIndex(monthIndex(period) + months);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

/** The first month paid for a decision taken at `approvedAt`: `offset` months later (1: the month after). */
export function firstPaymentPeriod(approvedAt: string, offset: number): string {
  return addMonths(periodOf(approvedAt), offset);
}

/** Whether an entitlement running from `start` to `end` (inclusive; null: open-ended) covers `period`. */
export function coversPeriod(start: string, end: string | null, period: string): boolean {
  return start <= period && (end === null || period <= end);
}

/** The day a period's payment is due at the bank, 'YYYY-MM-DD' (the payment day, capped at the month's end). */
export function paymentDate(period: string, paymentDay: number): string {
  const index = monthIndex(period);
  const lastDay = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
  return `${period}-${String(Math.min(paymentDay, lastDay)).padStart(2, '0')}`;
}
