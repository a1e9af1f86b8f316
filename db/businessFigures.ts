/**
 * The figures the business dashboard shows, counted from the read model when Prometheus scrapes:
 * open cases per step, overdue cases, stalled cases, and where each county's recent payment cycles
 * stand. Every query is an aggregate grouped by a few short codes (county, program, step, state), so
 * its answer is bounded by the number of counties, not of cases; all run in one read-only
 * transaction under a statement timeout, so a slow database costs a scrape, not the API's pool.
 * Counts only: no case id, no name, nothing about a household.
 */
import type { Pool } from 'pg';
import { addMonths, periodOf } from '../definitions/payments';
import { inTransaction } from './transaction';

/** Operational figures (not legal ones), with where they come from. */
export const businessFigureSettings = {
  statementTimeoutMs: {
    value: 2_000,
    source:
      'Yilian operations: the four aggregates take tens of milliseconds at 100k cases; a scrape (10 s timeout by default) gives up long before a stuck query would',
  },
  stalledAfterMinutes: {
    value: 60,
    source:
      'Yilian operations: the automatic steps (records, data checks across the sources, with their retries) finish within minutes; waiting steps have an owner, a pending role or a due date',
  },
  paymentPeriods: {
    value: 2,
    source: 'Yilian operations: the current month and the one before, whose cycle may still be reconciling',
  },
} as const;

export interface OpenCases {
  county: string;
  program: string;
  step: string;
  count: number;
}
export interface CountyProgramCount {
  county: string;
  program: string;
  count: number;
}
export interface CycleState {
  county: string;
  period: string;
  state: string;
}

export interface BusinessFigures {
  open: OpenCases[];
  overdue: CountyProgramCount[];
  stalled: CountyProgramCount[];
  cycles: CycleState[];
}

export async function readBusinessFigures(pool: Pool, now: Date = new Date()): Promise<BusinessFigures> {
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${businessFigureSettings.statementTimeoutMs.value}`);
    const open = await client.query<OpenCases>(
      `SELECT county_code AS county, program, step, count(*)::int AS count
         FROM cases WHERE status = 'active'
        GROUP BY county_code, program, step`
    );
    const overdue = await client.query<CountyProgramCount>(
      `SELECT county_code AS county, program, count(*)::int AS count
         FROM cases WHERE status = 'active' AND due_at < $1
        GROUP BY county_code, program`,
      [now]
    );
    // Nobody is waiting on it (no owner, no pending role), its clock (if any) ran out, and its read
    // model has not changed for a while: the engine should have moved it. GET /api/supervision/stuck
    // tells why from Temporal; this count is what an alert watches.
    const stalled = await client.query<CountyProgramCount>(
      `SELECT county_code AS county, program, count(*)::int AS count
         FROM cases
        WHERE status = 'active' AND owner_role IS NULL AND cardinality(pending_roles) = 0
          AND updated_at < $1::timestamptz - make_interval(mins => $2::int)
          AND (due_at IS NULL OR due_at < $1::timestamptz - make_interval(mins => $2::int))
        GROUP BY county_code, program`,
      [now, businessFigureSettings.stalledAfterMinutes.value]
    );
    const cycles = await client.query<CycleState>(
      `SELECT county_code AS county, period, state
         FROM payment_cycles
        WHERE period >= $1`,
      [addMonths(periodOf(now), 1 - businessFigureSettings.paymentPeriods.value)]
    );
    return { open: open.rows, overdue: overdue.rows, stalled: stalled.rows, cycles: cycles.rows };
  });
}
