/**
 * CSV for spreadsheet users: RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order mark, without
 * which Excel on Chinese Windows reads the file as GBK and shows the names garbled. Exports are
 * streamed with a row cap (streamCsv).
 */
import type { Response } from 'express';
import type { CsvColumn } from '../../definitions/publication';

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

/** Rows in one CSV file unless configured (CSV_EXPORT_MAX_ROWS): a large county's list, in one piece. */
export const DEFAULT_CSV_EXPORT_MAX_ROWS = 20_000;
/** Rows per query while writing: a list is written in pieces, never held whole. */
const CSV_BATCH = 500;

export interface CsvExport<TRow, TItem> {
  columns: readonly CsvColumn<TItem>[];
  fileNameZh: string;
  /** Up to `limit` rows after `after` (keyset order; undefined: from the start). */
  fetch: (limit: number, after: TRow | undefined) => Promise<TRow[]>;
  toItem: (row: TRow) => TItem;
  /** The cursor that continues after this row (the same cursor the JSON pages use). */
  cursorAfter: (row: TRow) => string;
  maxRows: number;
}

/**
 * Streams a list as CSV, batch by batch as it is read, at most `maxRows` rows. A cut-off list says so
 * twice: a last line for the person who opens the file (`# …cursor=…`), and HTTP trailers for a
 * program (`X-Yilian-Truncated: true`, `X-Yilian-Next-Cursor`); a complete one ends with
 * `X-Yilian-Truncated: false`. Stops reading when the client goes away, and waits while it is slow.
 */
export async function streamCsv<TRow, TItem>(res: Response, list: CsvExport<TRow, TItem>): Promise<void> {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="list.csv"; filename*=UTF-8''${encodeURIComponent(list.fileNameZh)}`
  );
  res.setHeader('Trailer', 'X-Yilian-Truncated, X-Yilian-Next-Cursor');
  if (!(await send(res, UTF8_BOM + csvHeader(list.columns)))) return;
  let written = 0;
  let last: TRow | undefined;
  for (;;) {
    const room = list.maxRows - written;
    // One row past the cap tells whether the list goes on.
    const wanted = Math.min(CSV_BATCH, room + 1);
    const rows = await list.fetch(wanted, last);
    const page = rows.slice(0, room);
    if (page.length > 0 && !(await send(res, csvRows(list.columns, page.map(list.toItem))))) return;
    written += page.length;
    last = page[page.length - 1] ?? last;
    if (rows.length > room && last !== undefined) {
      const cursor = list.cursorAfter(last);
      const note = `# 已达单次导出上限 ${list.maxRows} 行，名单未完：请加参数 cursor=${cursor} 再次导出其余部分`;
      if (!(await send(res, `${cell(note)}\r\n`))) return;
      res.addTrailers({ 'X-Yilian-Truncated': 'true', 'X-Yilian-Next-Cursor': cursor });
      break;
    }
    if (rows.length < wanted) {
      res.addTrailers({ 'X-Yilian-Truncated': 'false' });
      break;
    }
  }
  res.end();
}

/** Writes a chunk, waiting for the socket to drain when it is full; false once the client has gone. */
async function send(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return !res.destroyed;
}
