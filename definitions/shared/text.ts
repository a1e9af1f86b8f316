/**
 * The string building blocks every accepted text field is made from. A control character (NUL above
 * all) or a lone UTF-16 surrogate passes a plain `z.string()`, travels into the workflow, and then
 * fails every PostgreSQL write of it for ever (error 22021); so strings are refused at the schema,
 * where the caller still gets a 400 naming the field.
 * - `singleLine()`: names, ids, codes, addresses, phones: no control character at all.
 * - `freeText()`: comments, findings, reasons, notes: tab and line breaks allowed, nothing else.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';

/** C0 and C1 controls and DEL (Unicode category Cc), and surrogates not part of a pair. */
const ANY_CONTROL = /[\p{Cc}\p{Cs}]/u;
/** The same, less the tab, line feed and carriage return that free text may hold. */
const CONTROL_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]|\p{Cs}/u;

export const CONTROL_CHARACTER_MESSAGE = '不能包含控制字符（如 NUL）或无效字符，请删除后重新填写';
export const LINE_BREAK_MESSAGE = '只能填写一行文字，不能包含换行、制表符或 NUL 等控制字符';

/** Whether `value` holds a character no accepted string may hold (tab and line breaks aside). */
export function hasControlCharacter(value: string): boolean {
  return CONTROL_BUT_LINE_BREAKS.test(value);
}

/** Whether `value` fits on one line: no control character at all. */
export function isSingleLine(value: string): boolean {
  return !ANY_CONTROL.test(value);
}

/** What `z.string()` takes: e.g. `{ error: '请填写…' }` for a missing or non-string value. */
type StringParams = Parameters<typeof z.string>[0];

/** A one-line string: refuses every control character, including tab and line breaks. */
export const singleLine = (params?: StringParams) => z.string(params).refine(isSingleLine, LINE_BREAK_MESSAGE);

/** Free text: tab, line feed and carriage return allowed; every other control character refused. */
export const freeText = (params?: StringParams) =>
  z.string(params).refine((value) => !hasControlCharacter(value), CONTROL_CHARACTER_MESSAGE);
