/**
 * Published lists, from the read model: the public notice of a village (公示名单: households whose
 * first-review proposal is posted now) and the long-term list of households receiving the benefit
 * (长期公示) [24]. Names are masked and nothing that identifies or locates a household is read, so
 * a list can be posted or handed out as it is. JSON pages for screens, `format=csv` for Excel.
 */
import type { Response } from 'express';
import { Router } from 'express';
import type { Pool } from 'pg';
import type { CalendarYear } from '../../definitions/calendar';
import { chinaDate } from '../../definitions/calendar';
import type { CsvColumn, NoticeListing, RecipientListing } from '../../definitions/publication';
import {
  maskName,
  noticeListingSchema,
  noticePeriodCalculator,
  recipientListingSchema,
} from '../../definitions/publication';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import type { Position } from '../../db/publicationQueries';
import { listNoticeCases, listRecipientCases } from '../../db/publicationQueries';
import { DEFAULT_CSV_EXPORT_MAX_ROWS, streamCsv } from '../http/csv';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { publicationRoutes } from './routes';
import { programLabelsZh } from '../../definitions/eligibility/outcome';
import { callerOf } from '../http/identity';
import { noticeListQuerySchema, recipientListQuerySchema } from './schemas';
import { casePaging } from '../applications/schemas';
import { parseOrThrow } from '../http/validation';

export interface PublicationDependencies {
  pool: Pool;
  /** The same rules entries and calendar years the API starts cases with: notice ends are worked out from them. */
  extraConfigEntries?: readonly ConfigEntry[];
  calendarYears?: readonly CalendarYear[];
  /** Rows in one CSV export (CSV_EXPORT_MAX_ROWS); DEFAULT_CSV_EXPORT_MAX_ROWS when not given. */
  csvExportMaxRows?: number;
}

/** `2026-12-01 17:30`, China time: what a printed list shows. */
function chinaDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const noticeColumns: CsvColumn<NoticeListing>[] = [
  { headerZh: '村（居）代码', value: (i) => i.village },
  { headerZh: '救助项目', value: (i) => programLabelsZh[i.program] },
  { headerZh: '申请人', value: (i) => i.name },
  { headerZh: '家庭人口', value: (i) => i.householdSize },
  { headerZh: '拟保障金额（元/月）', value: (i) => i.proposedMonthlyAmount },
  { headerZh: '公示开始', value: (i) => chinaDateTime(i.noticePostedAt) },
  { headerZh: '公示截止', value: (i) => chinaDateTime(i.noticeEndsAt) },
];

const recipientColumns: CsvColumn<RecipientListing>[] = [
  { headerZh: '村（居）代码', value: (i) => i.village },
  { headerZh: '户主', value: (i) => i.name },
  { headerZh: '家庭人口', value: (i) => i.householdSize },
  { headerZh: '保障金额（元/月）', value: (i) => i.monthlyAmount },
  { headerZh: '审核确认日期', value: (i) => i.approvedOn },
];

interface Listing<TRow extends Position, TItem> {
  query: { format: 'json' | 'csv'; limit: number; cursor?: string | undefined };
  fetch: (limit: number, after: Position | undefined) => Promise<TRow[]>;
  toItem: (row: TRow) => TItem;
  columns: readonly CsvColumn<TItem>[];
  fileNameZh: string;
  /** Rows in one CSV file; the rest follow with the cursor the file ends with. */
  csvMaxRows: number;
}

const positionOf = ({ submittedAt, id }: Position) => ({ submittedAt, id });

/** One JSON page with the cursor of the next, or the list from the cursor on as CSV, streamed and capped. */
async function sendListing<TRow extends Position, TItem>(res: Response, listing: Listing<TRow, TItem>): Promise<void> {
  const { query, fetch, toItem, columns } = listing;
  const after = casePaging.after(query.cursor);
  if (query.format === 'json') {
    const page = casePaging.page(await fetch(query.limit + 1, after), query.limit, positionOf);
    res.json({ items: page.items.map(toItem), nextCursor: page.nextCursor });
    return;
  }
  await streamCsv(res, {
    columns,
    fileNameZh: listing.fileNameZh,
    fetch: (limit, lastRow) => fetch(limit, lastRow ?? after),
    toItem,
    cursorAfter: (row) => casePaging.encode(positionOf(row)),
    maxRows: listing.csvMaxRows,
  });
}

export function publicationRouter(deps: PublicationDependencies): Router {
  const { pool, extraConfigEntries, calendarYears } = deps;
  const csvMaxRows = deps.csvExportMaxRows ?? DEFAULT_CSV_EXPORT_MAX_ROWS;
  const router = Router();
  const noticeEndsAt = noticePeriodCalculator(extraConfigEntries, calendarYears);

  serve(router, publicationRoutes.notices, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(noticeListQuerySchema, req.query, ['query']);
    authorizeOn(caller, 'publication.notices', { org: query.village });
    await sendListing(res, {
      query,
      fetch: (limit, after) => listNoticeCases(pool, { village: query.village, program: query.program, limit, after }),
      // Parsed: the schema is strict, so a field that should not be published fails loudly here.
      toItem: (row) =>
        noticeListingSchema.parse({
          village: row.village,
          program: row.program,
          name: maskName(row.applicantName),
          householdSize: row.householdSize,
          proposedMonthlyAmount: row.proposedMonthlyAmount,
          noticePostedAt: row.postedAt,
          noticeEndsAt: noticeEndsAt({
            definitionVersion: row.definitionVersion,
            county: row.county,
            submittedAt: row.submittedAt,
            postedAt: row.postedAt,
          }),
        }),
      columns: noticeColumns,
      fileNameZh: `公示名单-${query.village}.csv`,
      csvMaxRows,
    });
  });

  serve(router, publicationRoutes.recipients, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(recipientListQuerySchema, req.query, ['query']);
    const org = query.org ?? caller.org;
    authorizeOn(caller, 'publication.recipients', { org });
    await sendListing(res, {
      query,
      fetch: (limit, after) => listRecipientCases(pool, { org, limit, after }),
      toItem: (row) =>
        recipientListingSchema.parse({
          village: row.village,
          name: maskName(row.applicantName),
          householdSize: row.householdSize,
          monthlyAmount: row.monthlyAmount,
          approvedOn: row.decidedAt === null ? null : chinaDate(new Date(row.decidedAt)),
        }),
      columns: recipientColumns,
      fileNameZh: `保障对象名单-${org}.csv`,
      csvMaxRows,
    });
  });

  return router;
}
