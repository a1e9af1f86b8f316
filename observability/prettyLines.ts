/**
 * Short readable lines for a person watching `npm start` (LOG_FORMAT=pretty): the JSON line pino
 * writes becomes `[yilian] <message>`, with the level when it is not info and the line's fields as
 * `key=value`. Only the presentation changes: the fields are the same as in the JSON lines.
 */
import type { DestinationStream } from 'pino';

/** Fields every line carries; shown by position (the level) or not at all. */
const FRAME = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const level = typeof entry.level === 'string' && entry.level !== 'info' ? `${entry.level}: ` : '';
  const fields = Object.entries(entry)
    .filter(([key]) => !FRAME.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const message = typeof entry.msg === 'string' ? entry.msg : '';
  return `[yilian] ${level}${message}${fields.length > 0 ? ` ${fields.join(' ')}` : ''}`;
}

export function prettyLines(out: DestinationStream): DestinationStream {
  return { write: (line: string) => out.write(`${prettyLine(line)}\n`) };
}
