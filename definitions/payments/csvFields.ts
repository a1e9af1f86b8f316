/**
 * The CSV both bank files use: RFC 4180 fields (quoted when they hold a comma, quote or line
 * break), CRLF between records, UTF-8. Only what the two files need; no I/O.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export function csvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

/** Splits a file into records, keeping quoted line breaks inside their field; a trailing newline ends the file. */
export function csvRecords(text: string): string[] {
  // Sliced rather than built a character at a time: a 100 000-line return file splits in milliseconds.
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) quoted = !quoted;
    else if (!quoted && (ch === LF || ch === CR)) {
      records.push(text.slice(start, i));
      if (ch === CR && text.charCodeAt(i + 1) === LF) i += 1;
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

/** One record's fields; null when its quotes do not close. */
export function csvFields(record: string): string[] | null {
  // Banks rarely quote: a record without quotes is its commas.
  if (!record.includes('"')) return record.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i += 1) {
    const ch = record[i];
    if (quoted) {
      if (ch === '"' && record[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field.length === 0) {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}
