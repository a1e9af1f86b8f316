/**
 * Synthetic read model for the supervision benchmark: cases, applications and their audit trail
 * generated set-based in PostgreSQL (generate_series), the rows the activities would have written
 * for cases that went through the dibao chain over the last two years. No Temporal involved.
 *
 * Layout: city 5201 with 20 counties × 20 townships × 10 villages. Durations are drawn from a
 * deterministic hash of the case number (the same data on every run); working-day limits are
 * approximated in calendar days (3 wd ≈ 4 d, 10 wd ≈ 14 d, 30 wd ≈ 42 d), which only shifts how many
 * cases come out overdue, not how the queries run. Audit rows go through plain INSERTs in (case,
 * seq) order, so triggers on case_events (the hash chain) see them as they would in production.
 */
import type { Pool } from 'pg';

export const BENCH_CITY = '5201';
export const BENCH_COUNTIES = 20;
export const BENCH_TOWNSHIPS_PER_COUNTY = 20;

export const benchCounty = (n: number) => `${BENCH_CITY}${String((n % BENCH_COUNTIES) + 1).padStart(2, '0')}`;
export const benchTownship = (n: number) =>
  `${benchCounty(n)}${String((n % BENCH_TOWNSHIPS_PER_COUNTY) + 1).padStart(3, '0')}`;

/** One row per case: its timeline (NULL where the case never got there) and where it is now. */
const PLAN_SQL = `
  CREATE UNLOGGED TABLE bench_plan AS
  WITH base AS (
    SELECT i,
           '${BENCH_CITY}' || lpad(((i % ${BENCH_COUNTIES}) + 1)::text, 2, '0') AS county,
           lpad((((i / ${BENCH_COUNTIES}) % ${BENCH_TOWNSHIPS_PER_COUNTY}) + 1)::text, 3, '0') AS t,
           lpad((((i / ${BENCH_COUNTIES * BENCH_TOWNSHIPS_PER_COUNTY}) % 10) + 1)::text, 3, '0') AS v,
           (abs(hashint4(i * 7 + 1)) % 1000000) / 1e6 AS u1, (abs(hashint4(i * 7 + 2)) % 1000000) / 1e6 AS u2,
           (abs(hashint4(i * 7 + 3)) % 1000000) / 1e6 AS u3, (abs(hashint4(i * 7 + 4)) % 1000000) / 1e6 AS u4,
           (abs(hashint4(i * 7 + 5)) % 1000000) / 1e6 AS u5, (abs(hashint4(i * 7 + 6)) % 1000000) / 1e6 AS u6
      FROM generate_series($1::int, $2::int) AS i),
  times AS (
    SELECT i, county, county || t AS township, county || t || v AS village, u2 < 0.05 AS declined,
           u6 < 0.12 AS rejected,
           now() - make_interval(secs => u1 * 730 * 86400) AS t0,
           make_interval(secs => (0.2 + u2 * 3) * 86400) AS d_intake,
           make_interval(secs => (1 + u3 * u3 * u3 * 14) * 86400) AS d_investigation,
           make_interval(secs => (0.5 + u4 * 4) * 86400) AS d_first,
           make_interval(secs => (2 + u5 * u5 * 20) * 86400) AS d_county,
           make_interval(secs => (0.5 + u6 * 30) * 86400) AS d_rejection
      FROM base),
  timeline AS (
    SELECT *, t0 + d_intake AS t1, t0 + d_intake + d_investigation AS t2,
           t0 + d_intake + d_investigation + d_first AS t3,
           t0 + d_intake + d_investigation + d_first + interval '7 days' AS t4,
           t0 + d_intake + d_investigation + d_first + interval '7 days' + d_county AS t5,
           t0 + d_intake + d_investigation + d_first + interval '7 days' + d_county + d_rejection AS t6
      FROM times)
  SELECT i, 'DB-' || county || '-' || lpad(to_hex(i), 20, '0') AS id, county, township, village, declined, rejected,
         t0, t1, t2, t3, t4, t5, t6,
         CASE
           WHEN t1 > now() THEN 'intake'
           WHEN declined THEN 'notAccepted'
           WHEN t2 > now() THEN 'investigation'
           WHEN t3 > now() THEN 'firstReview'
           WHEN t4 > now() THEN 'publicNotice'
           WHEN t5 > now() THEN 'countyReview'
           WHEN NOT rejected THEN 'inPayment'
           WHEN t6 > now() THEN 'rejectionNotice'
           ELSE 'rejected'
         END AS step
    FROM timeline`;

/** Events as (seq, event, from, to, at) per case, cut at now(). */
const EVENTS_SQL = (parity: number) => `
  INSERT INTO case_events (case_id, seq, actor_user, actor_role, actor_org, event, from_state, to_state, payload,
                           occurred_at)
  SELECT p.id, e.seq, e.actor || '-01', e.actor, CASE e.actor WHEN 'county' THEN p.county WHEN 'system' THEN '00'
           ELSE p.township END, e.event, e.from_state, e.to_state, '{}'::jsonb, e.at
    FROM bench_plan p
   CROSS JOIN LATERAL (VALUES
     (0, 'SUBMIT', 'window', NULL, 'intake', p.t0),
     (1, CASE WHEN p.declined THEN 'DECLINE' ELSE 'ACCEPT' END, 'window', 'intake',
         CASE WHEN p.declined THEN 'notAccepted' ELSE 'investigation' END, p.t1),
     (2, 'DATA_CHECK_COMPLETED', 'system', 'investigation', 'investigation', p.t1 + interval '2 hours'),
     (3, 'RECORD_HOME_VISIT', 'township', 'investigation', 'firstReview', p.t2),
     (4, 'PROPOSE_APPROVAL', 'township', 'firstReview', 'publicNotice', p.t3),
     (5, 'TIMER:publicNoticePeriod', 'system', 'publicNotice', 'countyReview', p.t4),
     (6, CASE WHEN p.rejected THEN 'REJECT' ELSE 'APPROVE' END, 'county', 'countyReview',
         CASE WHEN p.rejected THEN 'rejectionNotice' ELSE 'inPayment' END, p.t5),
     (7, 'DELIVER_REJECTION_NOTICE', 'township', 'rejectionNotice', 'rejected', p.t6)
   ) AS e(seq, event, actor, from_state, to_state, at)
   WHERE p.i % 2 = ${parity} AND e.at <= now()
     AND (e.seq <= 1 OR NOT p.declined) AND (e.seq <= 6 OR p.rejected)
   ORDER BY p.i, e.seq`;

const labels: Record<string, string> = {
  intake: '受理：材料审查',
  investigation: '调查核实：待入户调查',
  firstReview: '乡镇初审',
  publicNotice: '村（居）公示',
  countyReview: '县级审核确认',
  rejectionNotice: '送达不予确认通知',
  inPayment: '保障中（按月发放）',
  notAccepted: '不予受理',
  rejected: '不予确认',
};

const CASES_SQL = `
  INSERT INTO cases (id, program, definition_version, status, step, step_label_zh, state_value, county_code,
                     township_code, village_code, owner_role, owner_org, pending_roles, due_at, overall_due_at,
                     overall_limit_at, monthly_amount, accepted_at, decided_at, closed_at, version, submitted_at,
                     updated_at)
  SELECT id, 'dibao', 'dibao@bench', s.status, step, l.label, to_jsonb(step), county, township, village,
         s.owner, CASE WHEN s.owner IS NULL THEN NULL WHEN s.owner = 'county' THEN county ELSE township END,
         CASE WHEN s.owner IS NULL THEN '{}'::text[] ELSE ARRAY[s.owner] END,
         CASE step
           WHEN 'investigation' THEN least(t1 + interval '4 days', t1 + interval '42 days')
           WHEN 'firstReview' THEN t1 + interval '42 days'
           WHEN 'publicNotice' THEN t1 + interval '42 days'
           WHEN 'countyReview' THEN least(t4 + interval '14 days', t1 + interval '42 days')
           WHEN 'rejectionNotice' THEN t5 + interval '4 days'
         END,
         CASE WHEN step IN ('investigation', 'firstReview', 'publicNotice', 'countyReview')
              THEN t1 + interval '42 days' END,
         CASE WHEN step NOT IN ('intake', 'notAccepted') THEN t1 + interval '42 days' END,
         CASE WHEN step = 'inPayment' THEN 600 + (i % 900) END,
         CASE WHEN step NOT IN ('intake', 'notAccepted') THEN t1 END,
         CASE WHEN step IN ('inPayment', 'rejectionNotice', 'rejected') THEN t5 END,
         CASE WHEN s.status = 'done' THEN least(now(), CASE step WHEN 'notAccepted' THEN t1 ELSE t6 END) END,
         CASE step WHEN 'intake' THEN 0 WHEN 'notAccepted' THEN 1 WHEN 'investigation' THEN 2 WHEN 'firstReview' THEN 3
           WHEN 'publicNotice' THEN 4 WHEN 'countyReview' THEN 5 WHEN 'inPayment' THEN 6
           WHEN 'rejectionNotice' THEN 6 ELSE 7 END,
         t0, now()
    FROM bench_plan
   CROSS JOIN LATERAL (SELECT CASE WHEN step IN ('notAccepted', 'rejected') THEN 'done' ELSE 'active' END AS status,
                              CASE step WHEN 'intake' THEN 'window' WHEN 'investigation' THEN 'township'
                                WHEN 'firstReview' THEN 'township' WHEN 'publicNotice' THEN 'village'
                                WHEN 'countyReview' THEN 'county' WHEN 'rejectionNotice' THEN 'township' END AS owner) s
   CROSS JOIN LATERAL (SELECT ($1::jsonb ->> step) AS label) l`;

const APPLICATIONS_SQL = `
  INSERT INTO applications (case_id, program, county_code, township_code, village_code, applicant_name, applicant_id,
                            household_size, form, submitted_by, submitted_at)
  SELECT id, 'dibao', county, township, village, '申请人' || i, '520101' || lpad(i::text, 12, '0'), 1 + i % 5,
         '{}'::jsonb, 'window-01', t0
    FROM bench_plan`;

/** Generates `cases` cases in batches (progress per batch), then VACUUM ANALYZE. Returns seconds per phase. */
export async function generateSupervisionData(
  pool: Pool,
  cases: number,
  log: (message: string) => void
): Promise<{ generateSeconds: number; vacuumAnalyzeSeconds: number; eventRows: number }> {
  const started = performance.now();
  const batch = 100_000;
  for (let first = 1; first <= cases; first += batch) {
    const last = Math.min(cases, first + batch - 1);
    await pool.query('DROP TABLE IF EXISTS bench_plan');
    await pool.query(PLAN_SQL, [first, last]);
    await pool.query(CASES_SQL, [JSON.stringify(labels)]);
    await pool.query(APPLICATIONS_SQL);
    // Two statements side by side, one per core; each case's rows stay in one statement, in seq order.
    await Promise.all([pool.query(EVENTS_SQL(0)), pool.query(EVENTS_SQL(1))]);
    log(`generated ${last} / ${cases} cases (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await pool.query('DROP TABLE IF EXISTS bench_plan');
  const generateSeconds = (performance.now() - started) / 1000;
  const vacuumStarted = performance.now();
  // VACUUM sets the visibility map, so the covering indexes are read without visiting the heap.
  await pool.query('VACUUM (ANALYZE) cases');
  await pool.query('VACUUM (ANALYZE) case_events');
  await pool.query('VACUUM (ANALYZE) applications');
  await pool.query('VACUUM (ANALYZE) step_stays');
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM case_events');
  return {
    generateSeconds: Math.round(generateSeconds),
    vacuumAnalyzeSeconds: Math.round((performance.now() - vacuumStarted) / 1000),
    eventRows: Number(rows[0]?.n ?? 0),
  };
}
