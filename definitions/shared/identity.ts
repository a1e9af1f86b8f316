/**
 * Resident identity numbers (公民身份号码, GB 11643-1999): 17 digits plus a check character.
 * Checked here so a mistyped number is caught at the window, not weeks later in the data check.
 * No I/O.
 */
import { singleLine } from './text';
import { isValidResidentId } from './residentIdCheck';

export { birthDateOfResidentId, isValidResidentId, withCheckCharacter } from './residentIdCheck';

/** '370902********1234' — what staff lists may show. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** The field every form uses for a person's id number: trimmed, upper-case X, check character verified. */
export const residentIdSchema = singleLine()
  .transform((s) => s.trim().toUpperCase())
  .refine(isValidResidentId, '公民身份号码无效，请核对后重新填写（18位，末位校验码）');
