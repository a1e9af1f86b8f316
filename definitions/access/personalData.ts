/**
 * What counts as a household's personal data in an API response, and how it is masked: resident ID
 * numbers (公民身份号码), phone numbers and bank account numbers. The fields that hold them are a
 * declared list, by name, so one walk masks any response — the case view's summary and timeline
 * details are open records per program, and every known shape (pledge, dishonesty record, finding,
 * staff relative) uses the same names. A field that holds such a value under another name must be
 * added here; test/definitions/personalData.test.ts checks the forms that carry them.
 * No I/O.
 */
import type { bankFileColumnsV1 } from '../payments';
import { csvFields, csvRecord, csvRecords } from '../payments';
import { maskResidentId } from '../shared/identity';

const RESIDENT_ID = /^\d{17}[\dX]$/;
/** Already masked (by this module or at the source, e.g. a warning's explanation): left as it is. */
const MASKED = /\*/;

/** '370902********1234'; another form of number keeps only its last four characters. */
export function maskIdNumber(id: string): string {
  if (MASKED.test(id)) return id;
  const value = id.trim().toUpperCase();
  return RESIDENT_ID.test(value) ? maskResidentId(value) : maskTail(value);
}

/** '138****5678': the carrier prefix and the last four digits, which staff read back to a caller. */
export function maskPhone(phone: string): string {
  if (MASKED.test(phone)) return phone;
  const value = phone.trim();
  return value.length <= 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}****${value.slice(-4)}`;
}

/** '****1234': enough to tell accounts apart on a screen, not enough to pay into. */
export function maskBankAccount(account: string): string {
  if (MASKED.test(account)) return account;
  return maskTail(account.replace(/\s+/g, ''));
}

function maskTail(value: string): string {
  return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
}

/**
 * Numbers quoted inside a generated text (a registry finding's `detail`: "某银行账户6222…余额…"):
 * an 18-character ID number, an 11-digit mobile number, or any other run of 8 or more digits
 * (an account number). Shorter runs — amounts, dates, floor areas — stay.
 */
export function maskNumbersInText(text: string): string {
  // A whole run at a time, so a 19-digit account is not read as an ID number and a digit.
  return text.replace(/\d{8,}[Xx]?/g, (run) => {
    if (RESIDENT_ID.test(run.toUpperCase())) return maskIdNumber(run);
    if (/^1\d{10}$/.test(run)) return maskPhone(run);
    return maskBankAccount(run);
  });
}

type Masker = (value: unknown) => unknown;

/** A string, or each string of an array; anything else is no value to mask (null: not given). */
const eachString =
  (mask: (value: string) => string): Masker =>
  (value) => {
    if (typeof value === 'string') return mask(value);
    if (Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'string' ? mask(v) : v));
    return value;
  };

/** A risk warning's subject: a person (key: ID number), an account (key: account number) or a case. */
const maskWarningSubject: Masker = (value) => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const subject = value as { kind?: unknown; key?: unknown };
  if (typeof subject.key !== 'string') return value;
  if (subject.kind === 'person') return { ...subject, key: maskIdNumber(subject.key) };
  if (subject.kind === 'account') return { ...subject, key: maskBankAccount(subject.key) };
  return value;
};

/**
 * The declared list: response field name → how its value is masked. Where each comes from:
 * - idNumber: application members and applicant, a referral's applicant, 特困 supporters, members
 *   excluded from an eligibility count;
 * - memberIdNumber: a verification finding; signerIdNumber: a pledge; applicantIdNumber and
 *   idNumbers: a dishonesty record; relativeIdNumber: the staff-relatives register;
 * - phone: an applicant's or referred person's contact number;
 * - accountNumber: the payee account (application form, entitlement);
 * - detail: a registry finding's text, which quotes account numbers;
 * - subject: a risk warning's subject (a person's ID number or an account number as its key).
 */
export const personalFields: ReadonlyMap<string, Masker> = new Map<string, Masker>([
  ['idNumber', eachString(maskIdNumber)],
  ['memberIdNumber', eachString(maskIdNumber)],
  ['signerIdNumber', eachString(maskIdNumber)],
  ['applicantIdNumber', eachString(maskIdNumber)],
  ['idNumbers', eachString(maskIdNumber)],
  ['relativeIdNumber', eachString(maskIdNumber)],
  ['phone', eachString(maskPhone)],
  ['accountNumber', eachString(maskBankAccount)],
  ['detail', eachString(maskNumbersInText)],
  ['subject', maskWarningSubject],
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A copy of a JSON response with every declared personal field masked, at any depth. */
export function maskPersonalData<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  // Dates, buffers and the like are not JSON records: nothing in them is a named field.
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const mask = personalFields.get(key);
    out[key] = mask ? walk(mask(field)) : walk(field);
  }
  return out;
}

const ACCOUNT_COLUMN: (typeof bankFileColumnsV1)[number] = 'account_number';

/**
 * The bank payment file with each line's account number masked: what a reader who does not send
 * the file to the bank may see. Refuses (throws) a file without the column rather than serve it
 * unmasked.
 */
export function maskBankFile(content: string): string {
  const [header, ...lines] = csvRecords(content);
  const columns = header === undefined ? null : csvFields(header);
  const column = columns?.indexOf(ACCOUNT_COLUMN) ?? -1;
  if (header === undefined || column < 0) throw new Error('bank file has no account_number column to mask');
  const masked = lines.map((line) => {
    const fields = csvFields(line);
    if (fields === null || fields[column] === undefined) throw new Error('bank file line does not parse');
    fields[column] = maskBankAccount(fields[column]);
    return csvRecord(fields);
  });
  return `${[header, ...masked].join('\r\n')}\r\n`;
}
