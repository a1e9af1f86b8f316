/**
 * Keyset paging, the one way every list pages: the query's `limit` and `cursor`, an opaque cursor
 * (the last row's position as base64url JSON, checked against its schema on the way back), and a
 * page cut from rows fetched one past the limit. A cursor that does not decode is the caller's
 * error (400), never ours: a list reads it here, before anything is asked of the database.
 */
import { z } from 'zod';
import { isSupportedDate, SUPPORTED_DATES } from '../../definitions/shared/dates';
import { singleLine } from '../../definitions/shared/text';
import { ValidationFailed } from './errors';

/** Rows on one page: `limit`, 1 to 200, 50 when not given. */
export const pageLimitSchema = z.coerce.number().int().min(1).max(200).default(50);

/** A keyset cursor as the query string carries it (base64url, so one line). */
export const cursorParamSchema = singleLine().max(200);

/**
 * What a cursor's position is made of. A cursor comes back from the caller, who may have forged
 * it: each field is bounded to values the database accepts (a year 0000 instant, an unbounded id
 * or one with a NUL are refused by PostgreSQL, which would make them a 500 instead of a 400).
 */
export const cursorFields = {
  instant: z.iso
    .datetime()
    .refine(isSupportedDate, `游标时间须在 ${SUPPORTED_DATES.earliest} 至 ${SUPPORTED_DATES.latest} 之间`),
  textId: singleLine().min(1).max(100),
  rowId: z.number().int().positive(),
};

/** The refusal of a cursor the list did not issue (or issued for another query). */
export const invalidCursor = (issueZh = '无效的游标'): ValidationFailed =>
  new ValidationFailed('分页游标无效，请从第一页重新查询', [{ path: 'query.cursor', message: issueZh }]);

/** One page of rows fetched one past the limit: the items and, when more follow, the next page's cursor. */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  cursorAfter: (row: T) => string
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorAfter(last) : null };
}

export interface KeysetPaging<P> {
  encode(position: P): string;
  /** The position, or undefined when the cursor is not one of this list's. */
  decode(cursor: string): P | undefined;
  /**
   * The position a `cursor` parameter names (undefined on the first page); a cursor that does not
   * decode, or whose position `fits` refuses (another sort, another org), is refused with a 400.
   */
  after(cursor: string | undefined, fits?: (position: P) => boolean): P | undefined;
  /** The page from rows fetched `limit + 1`, its next cursor made of the last item's position. */
  page<T>(rows: readonly T[], limit: number, positionOf: (row: T) => P): { items: T[]; nextCursor: string | null };
}

/** The paging of one list, whose position is `schema`; `issueZh` is what a refused cursor's issue says. */
export function keysetPaging<S extends z.ZodType>(
  schema: S,
  { issueZh }: { issueZh?: string } = {}
): KeysetPaging<z.output<S>> {
  type P = z.output<S>;
  const encode = (position: P): string => Buffer.from(JSON.stringify(position)).toString('base64url');
  const decode = (cursor: string): P | undefined => {
    try {
      return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    } catch {
      return undefined;
    }
  };
  return {
    encode,
    decode,
    after(cursor, fits = () => true) {
      if (cursor === undefined) return undefined;
      const position = decode(cursor);
      if (position === undefined || !fits(position)) throw invalidCursor(issueZh);
      return position;
    },
    page: (rows, limit, positionOf) => pageOf(rows, limit, (row) => encode(positionOf(row))),
  };
}
