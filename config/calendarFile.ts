/**
 * Calendar years an administrator adds without a deploy: each `*.json` file in CALENDAR_DIR is one
 * year (the State Council's arrangement for next year, once published), checked by the same schema
 * as the built-in years before the process serves a single request. The result goes, merged over
 * the built-in years (`knownCalendarYears`), into each new case's input: the workflow never reads a
 * file, and a case keeps the calendar it started with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarYear } from '../definitions/calendar';
import { calendarYearSchema } from '../definitions/calendar';

export interface CalendarFileIssue {
  /** Field path inside the file, e.g. `holidays.1.dates.0`; '' for the file as a whole. */
  path: string;
  message: string;
}

/** A calendar file that cannot be used; names the file and every field that is wrong. */
export class CalendarFileInvalid extends Error {
  constructor(
    readonly file: string,
    readonly issues: CalendarFileIssue[]
  ) {
    const lines = issues.map((issue) => `  [${issue.path || '(file)'}] ${issue.message}`).join('\n');
    super(`Calendar file ${file} is invalid / 日历文件有误，请改正后重启:\n${lines}`);
    this.name = 'CalendarFileInvalid';
  }
}

/** One year from one file. */
export function readCalendarFile(file: string): CalendarYear {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CalendarFileInvalid(file, [{ path: '', message: `无法读取为 JSON / not readable as JSON: ${reason}` }]);
  }
  const parsed = calendarYearSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CalendarFileInvalid(
      file,
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
    );
  }
  return parsed.data;
}

/** Every year in `dir` (none when unset), in file-name order; one year may appear in one file only. */
export function loadCalendarDir(dir: string | undefined): CalendarYear[] {
  if (dir === undefined) return [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`CALENDAR_DIR ${dir} cannot be read / 日历目录无法读取: ${reason}`, { cause: error });
  }
  const fileOfYear = new Map<number, string>();
  const years: CalendarYear[] = [];
  for (const name of names.sort()) {
    const file = join(dir, name);
    const year = readCalendarFile(file);
    const earlier = fileOfYear.get(year.year);
    if (earlier !== undefined) {
      throw new CalendarFileInvalid(file, [
        { path: 'year', message: `${year.year} 年已由 ${earlier} 载入，每年只能有一个文件 / year already loaded` },
      ]);
    }
    fileOfYear.set(year.year, file);
    years.push(year);
  }
  return years;
}
