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
