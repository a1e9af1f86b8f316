/**
 * Read-model queries behind the published lists. They select only what a list may show (name,
 * household size, amounts, dates, village): identity numbers, addresses, phone numbers and the
 * application form are never read here, so they cannot leak from here. Both lists are
 * keyset-paginated newest first on (submitted_at, id), the order of the cases_village_submitted
 * index.
 */
import type { Pool } from 'pg';

export interface Position {
  submittedAt: string;
  id: string;
}

export interface NoticeCaseRow {
  id: string;
  program: string;
  definitionVersion: string;
  county: string;
  village: string;
  applicantName: string;
  householdSize: number;
  submittedAt: string;
  /** When the case entered the notice step (the latest time, should it have entered twice). */
  postedAt: string;
  proposedMonthlyAmount: number | null;
}

export interface RecipientCaseRow {
  id: string;
  village: string;
  applicantName: string;
  householdSize: number;
  submittedAt: string;
  monthlyAmount: number | null;
  decidedAt: string | null;
}

const amountOf = (value: string | null): number | null => (value === null ? null : Number(value));

function keyset(after: Position | undefined, params: unknown[]): string {
  if (!after) return '';
  params.push(after.submittedAt, after.id);
  return `AND (c.submitted_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length})`;
}

/** Cases of one village whose public notice is running now. */
export async function listNoticeCases(
  pool: Pool,
  filter: { village: string; program?: string | undefined; limit: number; after?: Position }
): Promise<NoticeCaseRow[]> {
  const params: unknown[] = [filter.village, filter.program ?? null];
  const after = keyset(filter.after, params);
  params.push(filter.limit);
  const { rows } = await pool.query<{
    id: string;
    program: string;
    definition_version: string;
    county_code: string;
    village_code: string;
    applicant_name: string;
    household_size: number;
    submitted_at: Date;
    updated_at: Date;
    posted_at: Date | null;
    proposed_amount: string | null;
  }>(
    `SELECT c.id, c.program, c.definition_version, c.county_code, c.village_code, a.applicant_name, a.household_size,
            c.submitted_at, c.updated_at, posted.occurred_at AS posted_at, run.monthly_amount AS proposed_amount
       FROM cases c
       JOIN applications a ON a.case_id = c.id
       LEFT JOIN LATERAL (
         SELECT e.occurred_at FROM case_events e
          WHERE e.case_id = c.id AND e.to_state = 'publicNotice' AND e.from_state IS DISTINCT FROM 'publicNotice'
          ORDER BY e.seq DESC LIMIT 1) posted ON true
       -- The amount the case would be approved at unless the county sets another: the latest computed one.
       LEFT JOIN LATERAL (
         SELECT r.monthly_amount FROM verification_runs r
          WHERE r.case_id = c.id AND r.status = 'completed' AND r.monthly_amount IS NOT NULL
          ORDER BY r.run DESC LIMIT 1) run ON true
      WHERE c.village_code = $1 AND ($2::text IS NULL OR c.program = $2) AND c.step = 'publicNotice'
        AND c.status = 'active' ${after}
      ORDER BY c.submitted_at DESC, c.id DESC
      LIMIT $${params.length}`,
    params
  );
  return rows.map((r) => ({
    id: r.id,
    program: r.program,
    definitionVersion: r.definition_version,
    county: r.county_code,
    village: r.village_code,
    applicantName: r.applicant_name,
    householdSize: r.household_size,
    submittedAt: r.submitted_at.toISOString(),
    // The audit line is written in the same statement as the case row, so it is there; the fallback
    // only covers rows loaded by hand.
    postedAt: (r.posted_at ?? r.updated_at).toISOString(),
    proposedMonthlyAmount: amountOf(r.proposed_amount),
  }));
}

/** Households receiving the benefit now, under an org (a prefix of the village code). */
export async function listRecipientCases(
  pool: Pool,
  filter: { org: string; limit: number; after?: Position }
): Promise<RecipientCaseRow[]> {
  const params: unknown[] = [`${filter.org}%`];
  const after = keyset(filter.after, params);
  params.push(filter.limit);
  const { rows } = await pool.query<{
    id: string;
    village_code: string;
    applicant_name: string;
    household_size: number;
    submitted_at: Date;
    monthly_amount: string | null;
    decided_at: Date | null;
  }>(
    `SELECT c.id, c.village_code, a.applicant_name, a.household_size, c.submitted_at, c.monthly_amount, c.decided_at
       FROM cases c
       JOIN applications a ON a.case_id = c.id
      WHERE c.village_code LIKE $1 AND c.step = 'inPayment' AND c.status = 'active' ${after}
      ORDER BY c.submitted_at DESC, c.id DESC
      LIMIT $${params.length}`,
    params
  );
  return rows.map((r) => ({
    id: r.id,
    village: r.village_code,
    applicantName: r.applicant_name,
    householdSize: r.household_size,
    submittedAt: r.submitted_at.toISOString(),
    monthlyAmount: amountOf(r.monthly_amount),
    decidedAt: r.decided_at === null ? null : r.decided_at.toISOString(),
  }));
}
