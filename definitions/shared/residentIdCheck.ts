/**
 * The check of a resident identity number (公民身份号码, GB 11643-1999): 17 digits plus a check
 * character, and a real birth date. Kept apart from the zod schemas (identity.ts) with no imports at
 * all, so the console can run the same check in the browser as the clerk types.
 * No I/O.
 */

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

/** 'YYYY-MM-DD' from a valid number's birth-date digits. */
export function birthDateOfResidentId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
