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

/**
 * The dates any request may name. Wide enough for every birth date, record and deadline the
 * programs deal with; narrow enough that each is a real Gregorian date PostgreSQL stores (it has no
 * year 0000) and the working calendar can count from. A technical bound, not a legal figure.
 */
export const SUPPORTED_DATES = { earliest: '1900-01-01', latest: '2199-12-31' } as const;
const SUPPORTED_DATES_MESSAGE = `日期须在 ${SUPPORTED_DATES.earliest} 至 ${SUPPORTED_DATES.latest} 之间`;

/** Whether a date (or an ISO instant, by its UTC date) lies within the supported dates. */
export function isSupportedDate(value: string): boolean {
  const date = value.slice(0, 10);
  return date >= SUPPORTED_DATES.earliest && date <= SUPPORTED_DATES.latest;
}

export const dateOnlySchema = (message = '日期格式应为 YYYY-MM-DD') =>
  z.string().refine(isRealDate, { message, abort: true }).refine(isSupportedDate, SUPPORTED_DATES_MESSAGE);

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
