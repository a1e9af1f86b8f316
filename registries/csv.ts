/**
 * A small RFC 4180 CSV reader for registry files: a header line, comma-separated fields, fields in
 * double quotes may hold commas, quotes ("") and line breaks; CRLF or LF; a UTF-8 BOM is ignored.
 * Enough for the files departments export, without a dependency.
 */

/** Rows as objects keyed by the header, with the 1-based line each row started on. */
export function parseCsv(text: string): { header: string[]; rows: { line: number; values: Record<string, string> }[] } {
  const records = splitRecords(text.replace(/^\uFEFF/, ''));
  const [first, ...rest] = records;
  if (!first) return { header: [], rows: [] };
  const header = first.fields.map((h) => h.trim());
  const rows = rest
    .filter((r) => !(r.fields.length === 1 && r.fields[0] === ''))
    .map((r) => {
      if (r.fields.length !== header.length) {
        throw new Error(`line ${r.line}: ${r.fields.length} fields, but the header has ${header.length}`);
      }
      return { line: r.line, values: Object.fromEntries(header.map((name, i) => [name, r.fields[i] ?? ''])) };
    });
  return { header, rows };
}

function splitRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) throw new Error(`line ${recordLine}: a quoted field is not closed`);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
