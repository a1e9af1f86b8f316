/**
 * The case id scheme, in one place: `<PREFIX>-<county>-<suffix>`, the prefix naming the program
 * (DB-370902-1f…), a household application (HH-) or a referral to a department (ZJYL-), the county
 * its six-digit code, the suffix 20 hexadecimal digits. Ids that belong together share county and
 * suffix: a household's children and a case's sibling (转其他救助) differ from it only in the prefix,
 * so a retried start derives the same id and Temporal itself refuses a second workflow.
 * Pure: the suffix (random, or a hash of an idempotency key) is made by the caller.
 */
import type { ReferralKind } from '../intake/householdForm';

/** A case id, unanchored: for finding ids in text. */
export const CASE_ID_SOURCE = '[A-Z]{2,8}-\\d{6}-[0-9a-f]{20}';
/** A whole case id. */
export const CASE_ID_PATTERN = new RegExp(`^${CASE_ID_SOURCE}$`);

/** Hexadecimal digits after the county. */
export const CASE_ID_SUFFIX_LENGTH = 20;

/** A program's letters (DB-, TK-, LS-, ZJ-); a program not listed here uses its name in capitals. */
export const PROGRAM_ID_PREFIX: Record<string, string> = {
  dibao: 'DB',
  tekun: 'TK',
  temporaryHelp: 'LS',
  referral: 'ZJ',
};

/** A household application's letters: its children take their program's in its place. */
export const HOUSEHOLD_ID_PREFIX = 'HH';

/** A household's referral child: the referral prefix and the department's, so its referrals never collide. */
export const REFERRAL_ID_PREFIX: Record<ReferralKind, string> = {
  education: 'ZJJY',
  medical: 'ZJYL',
  housing: 'ZJZF',
  employment: 'ZJJZ',
  rehabilitation: 'ZJKF',
  legalAid: 'ZJFY',
};

export const programIdPrefix = (program: string): string => PROGRAM_ID_PREFIX[program] ?? program.toUpperCase();

const PROGRAM_OF_PREFIX = new Map(Object.entries(PROGRAM_ID_PREFIX).map(([program, prefix]) => [prefix, program]));

/** An id from its parts; `suffix` is cut to the scheme's length. */
export const composeCaseId = (prefix: string, county: string, suffix: string): string =>
  `${prefix}-${county}-${suffix.slice(0, CASE_ID_SUFFIX_LENGTH)}`;

/** The same county and suffix under another prefix: a sibling case, or a household's child. */
export const withIdPrefix = (id: string, prefix: string): string => id.replace(/^[A-Z]+-/, `${prefix}-`);

/** The prefix an id starts with (`DB`), or the whole id when it has none. */
export const idPrefixOf = (id: string): string => id.split('-')[0] ?? '';

/** The program whose letters a case id (or a bare prefix) starts with; null for other prefixes. */
export const programOfPrefix = (prefix: string): string | null => PROGRAM_OF_PREFIX.get(prefix) ?? null;
export const programOfCaseId = (caseId: string): string | null => programOfPrefix(idPrefixOf(caseId));
