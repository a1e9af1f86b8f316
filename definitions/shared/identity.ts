/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): 17 digits plus a check character.
 * Checked here so a mistyped number is caught at the window, not weeks later in the data check.
 * No I/O.
 */
import { singleLine } from './text';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(id[i]), 0);
  if (CHECK_CHARS[sum % 11] !== id[17]) return false;
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10).replace(/-/g, '') === birth;
}

/** Completes 17 digits with their check character; used by test factories and the demo seed. */
export function withCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return `${first17}${CHECK_CHARS[sum % 11]}`;
}

/** '370902********1234' — what staff lists may show. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** The field every form uses for a person's id number: trimmed, upper-case X, check character verified. */
export const residentIdSchema = singleLine()
  .transform((s) => s.trim().toUpperCase())
  .refine(isValidResidentId, '公民身份号码无效，请核对后重新填写（18位，末位校验码）');

/** 'YYYY-MM-DD' from a valid number's birth-date digits. */
export function birthDateOfResidentId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
