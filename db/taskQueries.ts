/**
 * Work lists and the claim protocol. Every change names the version the caller last saw and bumps
 * it, so of two approvers claiming at once exactly one succeeds; the other's UPDATE matches no row
 * and `taskById` tells them why (already claimed, closed, or changed since they looked).
 */
import type { Pool } from 'pg';

export interface TaskRow {
  id: number;
  caseId: string;
  step: string;
  stepLabelZh: string;
  candidateRole: string;
  candidateOrg: string;
  dueAt: string | null;
  overdue: boolean;
  status: 'open' | 'claimed' | 'done';
  claimedBy: string | null;
  claimedAt: string | null;
  openedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  version: number;
  applicantName: string | null;
  caseStep: string | null;
  caseStepLabelZh: string | null;
  /**
   * The case's township (9 digits): where the household lives, also for a task waiting at the county;
   * null only for a task whose case has no application row.
   */
  caseTownship: string | null;
  /** That township by name from the register (migration 027); null when the register has no name. */
  townshipNameZh: string | null;
}

export const SELECT_TASK = `
  SELECT t.id, t.case_id, t.step, t.step_label_zh, t.candidate_role, t.candidate_org, t.due_at,
         COALESCE(t.status <> 'done' AND t.due_at < now(), false) AS overdue, t.status, t.claimed_by,
         t.claimed_at, t.opened_at, t.closed_at, t.closed_by, t.version, a.applicant_name,
         c.step AS case_step, c.step_label_zh AS case_step_label_zh, a.township_code AS case_township,
         ou.name_zh AS township_name_zh
    FROM tasks t
    LEFT JOIN applications a ON a.case_id = t.case_id
    LEFT JOIN cases c ON c.id = t.case_id
    LEFT JOIN org_units ou ON ou.code = a.township_code`;

export interface RawTask {
  id: string;
  case_id: string;
  step: string;
  step_label_zh: string;
  candidate_role: string;
  candidate_org: string;
  due_at: Date | null;
  overdue: boolean;
  status: TaskRow['status'];
  claimed_by: string | null;
  claimed_at: Date | null;
  opened_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  version: number;
  applicant_name: string | null;
  case_step: string | null;
  case_step_label_zh: string | null;
  case_township: string | null;
  township_name_zh: string | null;
}

export function toTask(r: RawTask): TaskRow {
  return {
    id: Number(r.id),
    caseId: r.case_id,
    step: r.step,
    stepLabelZh: r.step_label_zh,
    candidateRole: r.candidate_role,
    candidateOrg: r.candidate_org,
    dueAt: r.due_at?.toISOString() ?? null,
    overdue: r.overdue,
    status: r.status,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at?.toISOString() ?? null,
    openedAt: r.opened_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    closedBy: r.closed_by,
    version: r.version,
    applicantName: r.applicant_name,
    caseStep: r.case_step,
    caseStepLabelZh: r.case_step_label_zh,
    caseTownship: r.case_township,
    townshipNameZh: r.township_name_zh,
  };
}

export interface Person {
  userId: string;
  role: string;
  org: string;
}

export async function taskById(pool: Pool, id: number): Promise<TaskRow | undefined> {
  const { rows } = await pool.query<RawTask>(`${SELECT_TASK} WHERE t.id = $1`, [id]);
  return rows[0] ? toTask(rows[0]) : undefined;
}

/** Claims an open task at `version`; false when it was not open at that version. */
export async function claimTask(pool: Pool, id: number, version: number, userId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE tasks SET status = 'claimed', claimed_by = $3, claimed_at = now(), version = version + 1
      WHERE id = $1 AND version = $2 AND status = 'open'`,
    [id, version, userId]
  );
  return rowCount === 1;
}

/** Puts a claimed task back in its role's list. */
export async function releaseTask(pool: Pool, id: number, version: number): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE tasks SET status = 'open', claimed_by = NULL, claimed_at = NULL, version = version + 1
      WHERE id = $1 AND version = $2 AND status = 'claimed'`,
    [id, version]
  );
  return rowCount === 1;
}

/** Gives an open or claimed task to a named person of its role. */
export async function reassignTask(pool: Pool, id: number, version: number, toUserId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE tasks SET status = 'claimed', claimed_by = $3, claimed_at = now(), version = version + 1
      WHERE id = $1 AND version = $2 AND status IN ('open', 'claimed')`,
    [id, version, toUserId]
  );
  return rowCount === 1;
}

/** Someone else's claim on the case's live task for this role, if any. */
export async function claimHeldByOther(
  pool: Pool,
  caseId: string,
  person: Person
): Promise<{ claimedBy: string; stepLabelZh: string } | undefined> {
  const { rows } = await pool.query<{ claimed_by: string; step_label_zh: string }>(
    `SELECT claimed_by, step_label_zh FROM tasks
      WHERE case_id = $1 AND status = 'claimed' AND candidate_role = $2 AND claimed_by <> $3
      LIMIT 1`,
    [caseId, person.role, person.userId]
  );
  const row = rows[0];
  return row ? { claimedBy: row.claimed_by, stepLabelZh: row.step_label_zh } : undefined;
}
