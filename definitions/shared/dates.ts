/**
 * Calendar dates as plain 'YYYY-MM-DD' strings, checked to be real dates. Written out rather than
 * using zod's ISO helpers, whose pattern does not behave inside the workflow sandbox.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';

export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const dateOnlySchema = (message = '日期格式应为 YYYY-MM-DD') => z.string().refine(isRealDate, message);

/**
 * The instant `months` later (or earlier, when negative): the same day of the month, or the last
 * day of the target month when it is shorter (31 January + 1 month = 28/29 February).
 */
export function addMonths(instant: string, months: number): string {
  const from = new Date(instant);
  const target = new Date(from.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(from.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target.toISOString();
}
