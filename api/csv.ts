/**
 * CSV for spreadsheet users: RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order mark, without
 * which Excel on Chinese Windows reads the file as GBK and shows the names garbled.
 */
import type { CsvColumn } from '../definitions/publication';

export const UTF8_BOM = '\uFEFF';

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A cell starting like a formula is run by Excel (CSV injection); a leading apostrophe keeps it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return `${columns.map((c) => cell(c.headerZh)).join(',')}\r\n`;
}

export function csvRows<T>(columns: readonly CsvColumn<T>[], items: readonly T[]): string {
  return items.map((item) => `${columns.map((c) => cell(c.value(item))).join(',')}\r\n`).join('');
}
