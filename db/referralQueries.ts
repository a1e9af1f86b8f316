/**
 * Referrals in the read model: one referral with the department it was sent to, and a department's
 * inbox (its county and kind), keyset-paginated newest first. A referral's request is stored as its
 * application's form, so the department and the reason come from there.
 */
import type { Pool } from 'pg';
import type { DepartmentKind } from '../definitions/shared/actors';

export interface ReferralRow {
  id: string;
  status: 'active' | 'done';
  step: string;
  stepLabelZh: string;
  orgs: { county: string; township: string; village: string };
  department: DepartmentKind;
  applicantName: string;
  reason: string;
  householdCaseId: string | null;
  dueAt: string | null;
  overdue: boolean;
  submittedAt: string;
  updatedAt: string;
}

/** Which referrals an inbox lists: waiting to be signed for, being handled, or closed. */
export type InboxStatus = 'open' | 'acknowledged' | 'done';

const SELECT_REFERRAL = `
  SELECT c.id, c.status, c.step, c.step_label_zh, c.county_code, c.township_code, c.village_code,
         a.form->>'department' AS department, a.applicant_name, a.form->>'reason' AS reason,
         a.form->>'householdCaseId' AS household_case_id, c.due_at,
         COALESCE(c.status = 'active' AND c.due_at < now(), false) AS overdue, c.submitted_at, c.updated_at
    FROM cases c JOIN applications a ON a.case_id = c.id`;

interface ReferralDbRow {
  id: string;
  status: ReferralRow['status'];
  step: string;
  step_label_zh: string;
  county_code: string;
  township_code: string;
  village_code: string;
  department: DepartmentKind;
  applicant_name: string;
  reason: string;
  household_case_id: string | null;
  due_at: Date | null;
  overdue: boolean;
  submitted_at: Date;
  updated_at: Date;
}

function toReferral(r: ReferralDbRow): ReferralRow {
  return {
    id: r.id,
    status: r.status,
    step: r.step,
    stepLabelZh: r.step_label_zh,
    orgs: { county: r.county_code, township: r.township_code, village: r.village_code },
    department: r.department,
    applicantName: r.applicant_name,
    reason: r.reason,
    householdCaseId: r.household_case_id,
    dueAt: r.due_at?.toISOString() ?? null,
    overdue: r.overdue,
    submittedAt: r.submitted_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function findReferral(pool: Pool, id: string): Promise<ReferralRow | undefined> {
  const { rows } = await pool.query<ReferralDbRow>(
    `${SELECT_REFERRAL} WHERE c.id = $1 AND c.program = 'referral' AND a.program = 'referral'`,
    [id]
  );
  return rows[0] ? toReferral(rows[0]) : undefined;
}

const STATUS_FILTER: Record<InboxStatus, string> = {
  open: `c.status = 'active' AND c.step = 'sent'`,
  acknowledged: `c.status = 'active' AND c.step = 'acknowledged'`,
  done: `c.status = 'done'`,
};

export async function departmentInbox(
  pool: Pool,
  inbox: { county: string; department: DepartmentKind; status?: InboxStatus },
  limit: number,
  after?: { submittedAt: string; id: string }
): Promise<ReferralRow[]> {
  const { rows } = await pool.query<ReferralDbRow>(
    `${SELECT_REFERRAL}
      WHERE a.program = 'referral' AND a.county_code = $1 AND a.form->>'department' = $2
        ${inbox.status ? `AND ${STATUS_FILTER[inbox.status]}` : ''}
        AND ($4::timestamptz IS NULL OR (a.submitted_at, a.case_id) < ($4::timestamptz, $5::text))
      ORDER BY a.submitted_at DESC, a.case_id DESC
      LIMIT $3`,
    [inbox.county, inbox.department, limit, after?.submittedAt ?? null, after?.id ?? null]
  );
  return rows.map(toReferral);
}
