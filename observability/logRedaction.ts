/**
 * What the API may write to its log about an unexpected error: the error's kind, message, code and
 * stack — never the database's `detail` (which quotes the offending row's values) or request data —
 * with anything shaped like an ID number, phone or account number masked, in case a message quotes
 * one. Logs are read by operators who must not see households' personal data.
 */

const RESIDENT_ID = /\b\d{17}[\dXx]\b/g;
const MOBILE = /\b1[3-9]\d{9}\b/g;
const LONG_NUMBER = /\b\d{12,}\b/g;

export function redactPersonalData(text: string): string {
  return text
    .replace(RESIDENT_ID, (id) => `${id.slice(0, 6)}********${id.slice(14)}`)
    .replace(MOBILE, (phone) => `${phone.slice(0, 3)}****${phone.slice(7)}`)
    .replace(LONG_NUMBER, (digits) => `****${digits.slice(-4)}`);
}

/** One line (plus the stack) safe for the log. */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return redactPersonalData(`non-error thrown: ${typeof error}`);
  const code = (error as { code?: unknown }).code;
  const head = `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`;
  const stack = (error.stack ?? '').split('\n').slice(1, 8).join('\n');
  return redactPersonalData(stack ? `${head}\n${stack}` : head);
}
