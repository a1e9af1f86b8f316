/**
 * Read-model queries behind the supervisor views: active cases past or near their due date, and
 * period statistics. Plain SQL next to the function that runs it. Every query is scoped by org and
 * shaped to use the partial indexes of migration 006 (see README "Supervision" for the figures).
 */
import type { Pool } from 'pg';

/** How an org code narrows the cases: the column that equals it, or a county-code prefix. */
export function orgCondition(org: string, placeholder: string): string {
  switch (org.length) {
    case 12:
      return `c.township_code = left(${placeholder}, 9) AND c.village_code = ${placeholder}`;
    case 9:
      return `c.township_code = ${placeholder}`;
    case 6:
      return `c.county_code = ${placeholder}`;
    default:
      // Province (2) or city (4): a prefix of the county code, served by the text_pattern_ops index.
      return `c.county_code LIKE ${placeholder} || '%'`;
  }
}

export type DueGroupBy = 'step' | 'township' | 'program' | 'age';
export type AgeBasis = 'submitted' | 'accepted';

export interface DueFilter {
  org: string;
  /**
   * Overdue: due before `asOf`. Due soon: due from `asOf` up to and including `until`, the last
   * instant of the window (a due date is the last millisecond of its day, so is a window's end).
   * Both lists take `asOf` from the request, so together they split the cases at the instant reported.
   */
  window: { kind: 'overdue'; asOf: string } | { kind: 'dueSoon'; asOf: string; until: string };
  program?: string;
  step?: string;
  township?: string;
  /** Days since submission (or acceptance) the case must have reached / not exceeded. */
  minAgeDays?: number;
  maxAgeDays?: number;
  ageFrom: AgeBasis;
  limit: number;
  after?: { dueAt: string; id: string };
}

export interface DueCase {
  id: string;
  program: string;
  step: string;
  stepLabelZh: string;
  orgs: { county: string; township: string; village: string };
  ownerRole: string | null;
  pendingRoles: string[];
  dueAt: string;
  /** Positive when overdue: hours past the due date; negative: hours left. */
  hoursPastDue: number;
  ageDays: number;
  applicantName: string | null;
  submittedAt: string;
  acceptedAt: string | null;
}

export interface DueGroup {
  key: string;
  count: number;
  earliestDueAt: string;
}

/** Age bands for `groupBy=age`, in days since the age basis. */
export const ageBands = [
  { key: '0-7', max: 7 },
  { key: '8-15', max: 15 },
  { key: '16-30', max: 30 },
  { key: '31-60', max: 60 },
  { key: '61+', max: null },
] as const;

function whereClause(filter: DueFilter): { where: string[]; params: unknown[]; ageColumn: string } {
  const params: unknown[] = [filter.org];
  const where = [`c.status = 'active'`, `c.due_at IS NOT NULL`, orgCondition(filter.org, '$1')];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  const { window } = filter;
  add(
    (p) => (window.kind === 'overdue' ? `c.due_at < ${p}::timestamptz` : `c.due_at >= ${p}::timestamptz`),
    window.asOf
  );
  if (window.kind === 'dueSoon') add((p) => `c.due_at <= ${p}::timestamptz`, window.until);
  if (filter.program) add((p) => `c.program = ${p}`, filter.program);
  if (filter.step) add((p) => `c.step = ${p}`, filter.step);
  if (filter.township) add((p) => `c.township_code = ${p}`, filter.township);
  const ageColumn = filter.ageFrom === 'accepted' ? 'c.accepted_at' : 'c.submitted_at';
  // Written as a bound on the timestamp, not on an age expression, so it stays a plain range test.
  if (filter.minAgeDays !== undefined) {
    add((p) => `${ageColumn} <= now() - make_interval(days => ${p}::int)`, filter.minAgeDays);
  }
  if (filter.maxAgeDays !== undefined) {
    add((p) => `${ageColumn} > now() - make_interval(days => ${p}::int + 1)`, filter.maxAgeDays);
  }
  return { where, params, ageColumn };
}

/** One page of due cases, the most urgent first (earliest due date), keyset-paginated on (due_at, id). */
export async function listDueCases(pool: Pool, filter: DueFilter): Promise<DueCase[]> {
  const { where, params, ageColumn } = whereClause(filter);
  if (filter.after) {
    params.push(filter.after.dueAt, filter.after.id);
    where.push(`(c.due_at, c.id) > ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(filter.limit);
  const { rows } = await pool.query<{
    id: string;
    program: string;
    step: string;
    step_label_zh: string;
    county_code: string;
    township_code: string;
    village_code: string;
    owner_role: string | null;
    pending_roles: string[];
    due_at: Date;
    hours_past_due: number;
    age_days: number | null;
    applicant_name: string | null;
    submitted_at: Date;
    accepted_at: Date | null;
  }>(
    `SELECT c.id, c.program, c.step, c.step_label_zh, c.county_code, c.township_code, c.village_code,
            c.owner_role, c.pending_roles, c.due_at,
            round(extract(epoch FROM now() - c.due_at) / 3600, 1)::float8 AS hours_past_due,
            floor(extract(epoch FROM now() - ${ageColumn}) / 86400)::int AS age_days,
            a.applicant_name, c.submitted_at, c.accepted_at
       FROM cases c LEFT JOIN applications a ON a.case_id = c.id
      WHERE ${where.join(' AND ')}
      ORDER BY c.due_at, c.id
      LIMIT $${params.length}`,
    params
  );
  return rows.map((r) => ({
    id: r.id,
    program: r.program,
    step: r.step,
    stepLabelZh: r.step_label_zh,
    orgs: { county: r.county_code, township: r.township_code, village: r.village_code },
    ownerRole: r.owner_role,
    pendingRoles: r.pending_roles,
    dueAt: r.due_at.toISOString(),
    hoursPastDue: r.hours_past_due,
    ageDays: r.age_days ?? 0,
    applicantName: r.applicant_name,
    submittedAt: r.submitted_at.toISOString(),
    acceptedAt: r.accepted_at === null ? null : r.accepted_at.toISOString(),
  }));
}

/** The SQL expression a group key is computed by. */
function groupExpression(groupBy: DueGroupBy, ageColumn: string): string {
  switch (groupBy) {
    case 'step':
      return 'c.step';
    case 'township':
      return 'c.township_code';
    case 'program':
      return 'c.program';
    case 'age': {
      const age = `floor(extract(epoch FROM now() - ${ageColumn}) / 86400)`;
      const bands = ageBands
        .filter((b) => b.max !== null)
        .map((b) => `WHEN ${age} <= ${b.max} THEN '${b.key}'`)
        .join(' ');
      return `CASE WHEN ${ageColumn} IS NULL THEN 'unknown' ${bands} ELSE '${ageBands[ageBands.length - 1]!.key}' END`;
    }
  }
}

/** Counts of all matching cases (the cursor does not apply), per group when asked. */
export async function countDueCases(
  pool: Pool,
  filter: DueFilter,
  groupBy: DueGroupBy | undefined
): Promise<{ total: number; groups: DueGroup[] | null }> {
  const { where, params, ageColumn } = whereClause(filter);
  if (groupBy === undefined) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c WHERE ${where.join(' AND ')}`,
      params
    );
    return { total: rows[0]?.n ?? 0, groups: null };
  }
  const { rows } = await pool.query<{ key: string; n: number; earliest: Date }>(
    `SELECT ${groupExpression(groupBy, ageColumn)} AS key, count(*)::int AS n, min(c.due_at) AS earliest
       FROM cases c WHERE ${where.join(' AND ')}
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    params
  );
  const groups = rows.map((r) => ({ key: r.key, count: r.n, earliestDueAt: r.earliest.toISOString() }));
  return { total: groups.reduce((sum, g) => sum + g.count, 0), groups };
}

/**
 * The org condition for statistics: below a county, the county is named too, so the period range
 * is read from the (county, submitted_at) index rather than from every county's cases.
 */
export function statsOrgCondition(org: string, placeholder: string): string {
  return org.length > 6
    ? `c.county_code = left(${placeholder}, 6) AND ${orgCondition(org, placeholder)}`
    : orgCondition(org, placeholder);
}

export interface StatsFilter {
  org: string;
  /** Cases submitted in [from, to): instants at China midnight. */
  from: string;
  to: string;
}

export interface StepDuration {
  program: string;
  step: string;
  /** Stays in the step that have ended (a case still in the step is not counted). */
  completed: number;
  avgHours: number;
  p90Hours: number;
}

export interface OrgOutcome {
  org: string;
  cases: number;
  active: number;
  overdueNow: number;
  decided: number;
  decidedWithinLimit: number;
}

export interface SupervisionStats {
  byState: { program: string; status: string; step: string; count: number }[];
  steps: StepDuration[];
  byCounty: OrgOutcome[];
  byTownship: OrgOutcome[];
}

/**
 * Counts per state, per county and per township in one pass over the period's cases (GROUPING SETS):
 * one index-only scan instead of three. `g` tells which grouping a row belongs to.
 */
const COUNTS_SQL = (scope: string) => `
  SELECT c.program, c.status, c.step, c.county_code, c.township_code,
         GROUPING(c.program, c.status, c.step, c.county_code, c.township_code) AS g,
         count(*)::int AS cases,
         count(*) FILTER (WHERE c.status = 'active')::int AS active,
         count(*) FILTER (WHERE c.status = 'active' AND c.due_at < now())::int AS overdue_now,
         count(c.decided_at)::int AS decided,
         count(*) FILTER (WHERE c.decided_within_limit)::int AS within_limit
    FROM cases c
   WHERE ${scope}
   GROUP BY GROUPING SETS ((c.program, c.status, c.step), (c.county_code), (c.township_code))
   ORDER BY 1, 2, 3, 4, 5`;

/** GROUPING() bits, highest first: program, status, step, county, township (1 = rolled up). */
const BY_STATE = 0b00011;
const BY_COUNTY = 0b11101;
const BY_TOWNSHIP = 0b11110;

/**
 * Finished stays only (migration 009 writes one when a step is left; open stays have no length yet).
 * The average is exact. The 90th percentile is the nearest rank over a histogram of 1 %-wide
 * buckets on a log scale (`hours_bucket`), reported at the bucket's middle: within 0.5 % of the
 * exact value, and a count per bucket instead of a sort of every stay (a city's month is over
 * 100 000 stays).
 */
const STEPS_SQL = (scope: string) => `
  WITH buckets AS (
    SELECT c.program, c.step, c.hours_bucket AS b, count(*) AS n, sum(c.hours) AS hours
      FROM step_stays c WHERE ${scope} GROUP BY 1, 2, 3),
  ranked AS (
    SELECT *, sum(n) OVER (PARTITION BY program, step ORDER BY b) AS up_to,
           sum(n) OVER (PARTITION BY program, step) AS stays
      FROM buckets)
  SELECT program, step, sum(n)::int AS n, round((sum(hours) / sum(n))::numeric, 1)::float8 AS avg_hours,
         round((exp(min(b) FILTER (WHERE up_to >= ${P90_RANK} * stays) / 100.0) - 1)::numeric, 1)::float8 AS p90_hours
    FROM ranked GROUP BY 1, 2 ORDER BY 1, 2`;

const P90_RANK = 0.9;

interface CountsDbRow extends OutcomeDbRow {
  program: string;
  status: string;
  step: string;
  county_code: string;
  township_code: string;
  g: number;
}

interface StepsDbRow {
  program: string;
  step: string;
  n: number;
  avg_hours: number;
  p90_hours: number;
}

export async function supervisionStats(pool: Pool, filter: StatsFilter): Promise<SupervisionStats> {
  const params = [filter.org, filter.from, filter.to];
  const scope = `${statsOrgCondition(filter.org, '$1')} AND c.submitted_at >= $2 AND c.submitted_at < $3`;
  const [counts, steps] = await Promise.all([
    pool.query<CountsDbRow>(COUNTS_SQL(scope), params),
    pool.query<StepsDbRow>(STEPS_SQL(scope), params),
  ]);
  const grouped = (g: number) => counts.rows.filter((r) => r.g === g);
  return {
    byState: grouped(BY_STATE).map((r) => ({ program: r.program, status: r.status, step: r.step, count: r.cases })),
    steps: steps.rows.map((r) => ({
      program: r.program,
      step: r.step,
      completed: r.n,
      avgHours: r.avg_hours,
      p90Hours: r.p90_hours,
    })),
    byCounty: grouped(BY_COUNTY).map((r) => toOutcome(r.county_code, r)),
    byTownship: grouped(BY_TOWNSHIP).map((r) => toOutcome(r.township_code, r)),
  };
}

interface OutcomeDbRow {
  cases: number;
  active: number;
  overdue_now: number;
  decided: number;
  within_limit: number;
}

function toOutcome(org: string, r: OutcomeDbRow): OrgOutcome {
  return {
    org,
    cases: r.cases,
    active: r.active,
    overdueNow: r.overdue_now,
    decided: r.decided,
    decidedWithinLimit: r.within_limit,
  };
}
