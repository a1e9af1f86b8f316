/**
 * Read-model queries behind the API's lists and look-ups. Plain SQL next to the function that runs
 * it; every list is keyset-paginated (newest first) so page 500 costs what page 1 does.
 */
import type { Pool } from 'pg';
import type { Actor } from '../definitions/shared/actors';
import type { CaseView } from '../workflows/contract';

export interface CaseRow {
  id: string;
  program: string;
  definitionVersion: string;
  status: 'active' | 'done';
  step: string;
  stepLabelZh: string;
  orgs: { county: string; township: string; village: string };
  ownerRole: string | null;
  ownerOrg: string | null;
  pendingRoles: string[];
  dueAt: string | null;
  overallDueAt: string | null;
  overdue: boolean;
  closeRelative: boolean;
  monthlyAmount: number | null;
  applicantName: string | null;
  householdSize: number | null;
  /** The household application the case is a child of; null for a case started on its own. */
  householdId: string | null;
  submittedAt: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  version: number;
}

const CASE_COLUMNS = `c.id, c.program, c.definition_version, c.status, c.step, c.step_label_zh, c.county_code,
         c.township_code, c.village_code, c.owner_role, c.owner_org, c.pending_roles, c.due_at,
         c.overall_due_at, COALESCE(c.status = 'active' AND c.due_at < now(), false) AS overdue, c.close_relative,
         c.monthly_amount, a.applicant_name, a.household_size, a.household_id, c.submitted_at, c.accepted_at,
         c.decided_at, c.closed_at, c.updated_at, c.version`;
const CASE_FROM = 'FROM cases c LEFT JOIN applications a ON a.case_id = c.id';
const SELECT_CASE = `SELECT ${CASE_COLUMNS} ${CASE_FROM}`;

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** A row of SELECT_CASE as pg returns it. */
interface CaseDbRow {
  id: string;
  program: string;
  definition_version: string;
  status: CaseRow['status'];
  step: string;
  step_label_zh: string;
  county_code: string;
  township_code: string;
  village_code: string;
  owner_role: string | null;
  owner_org: string | null;
  pending_roles: string[];
  due_at: Date | null;
  overall_due_at: Date | null;
  overdue: boolean;
  close_relative: boolean;
  monthly_amount: string | null;
  applicant_name: string | null;
  household_size: number | null;
  household_id: string | null;
  submitted_at: Date;
  accepted_at: Date | null;
  decided_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
  version: number;
}

function toCaseRow(r: CaseDbRow): CaseRow {
  return {
    id: r.id,
    program: r.program,
    definitionVersion: r.definition_version,
    status: r.status,
    step: r.step,
    stepLabelZh: r.step_label_zh,
    orgs: { county: r.county_code, township: r.township_code, village: r.village_code },
    ownerRole: r.owner_role,
    ownerOrg: r.owner_org,
    pendingRoles: r.pending_roles,
    dueAt: iso(r.due_at),
    overallDueAt: iso(r.overall_due_at),
    overdue: r.overdue,
    closeRelative: r.close_relative,
    monthlyAmount: r.monthly_amount === null ? null : Number(r.monthly_amount),
    applicantName: r.applicant_name,
    householdSize: r.household_size,
    householdId: r.household_id,
    submittedAt: r.submitted_at.toISOString(),
    acceptedAt: iso(r.accepted_at),
    decidedAt: iso(r.decided_at),
    closedAt: iso(r.closed_at),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

export async function findCase(pool: Pool, id: string): Promise<CaseRow | undefined> {
  const { rows } = await pool.query<CaseDbRow>(`${SELECT_CASE} WHERE c.id = $1`, [id]);
  return rows[0] ? toCaseRow(rows[0]) : undefined;
}

export interface CaseListFilter {
  /** Administrative-division prefix: only cases under this org. */
  org: string;
  program?: string;
  step?: string;
  status?: 'active' | 'done';
  overdue?: boolean;
  limit: number;
  /** Keyset position: the last item of the previous page. */
  after?: { submittedAt: string; id: string };
}

export async function listCases(pool: Pool, filter: CaseListFilter): Promise<CaseRow[]> {
  const where: string[] = [`c.village_code LIKE $1`];
  const params: unknown[] = [`${filter.org}%`];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.program) add((p) => `c.program = ${p}`, filter.program);
  if (filter.step) add((p) => `c.step = ${p}`, filter.step);
  if (filter.status) add((p) => `c.status = ${p}`, filter.status);
  if (filter.overdue === true) where.push(`c.status = 'active' AND c.due_at < now()`);
  if (filter.overdue === false) where.push(`NOT (c.status = 'active' AND c.due_at IS NOT NULL AND c.due_at < now())`);
  if (filter.after) {
    params.push(filter.after.submittedAt, filter.after.id);
    where.push(`(c.submitted_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(filter.limit);
  const { rows } = await pool.query<CaseDbRow>(
    `${SELECT_CASE} WHERE ${where.join(' AND ')} ORDER BY c.submitted_at DESC, c.id DESC LIMIT $${params.length}`,
    params
  );
  return rows.map(toCaseRow);
}

export interface AuditRow {
  seq: number;
  at: string;
  event: string;
  actor: Actor;
  from: string | null;
  to: string;
  comment: string | null;
  details: Record<string, unknown>;
}

/** The audit trail of one case, oldest first; the timeline when the workflow is no longer retained. */
export async function caseAudit(pool: Pool, caseId: string): Promise<AuditRow[]> {
  const { rows } = await pool.query<{
    seq: number;
    occurred_at: Date;
    event: string;
    actor_user: string;
    actor_role: Actor['role'];
    actor_org: string;
    from_state: string | null;
    to_state: string;
    comment: string | null;
    payload: Record<string, unknown>;
  }>(
    `SELECT seq, occurred_at, event, actor_user, actor_role, actor_org, from_state, to_state, comment, payload
       FROM case_events WHERE case_id = $1 ORDER BY seq`,
    [caseId]
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.occurred_at.toISOString(),
    event: r.event,
    actor: { userId: r.actor_user, role: r.actor_role, org: r.actor_org },
    from: r.from_state,
    to: r.to_state,
    comment: r.comment,
    details: r.payload,
  }));
}

export async function caseNotices(
  pool: Pool,
  caseId: string
): Promise<{ seq: number; kind: string; titleZh: string; bodyZh: string; issuedAt: string }[]> {
  const { rows } = await pool.query<{ seq: number; kind: string; title_zh: string; body_zh: string; issued_at: Date }>(
    `SELECT seq, kind, title_zh, body_zh, issued_at FROM notices WHERE case_id = $1 ORDER BY seq, id`,
    [caseId]
  );
  return rows.map((r) => ({
    seq: r.seq,
    kind: r.kind,
    titleZh: r.title_zh,
    bodyZh: r.body_zh,
    issuedAt: r.issued_at.toISOString(),
  }));
}

/**
 * A case's row with the view the record activity stored beside it, at the row's `version`; `view`
 * is null on rows written before views were stored.
 */
export async function findCaseWithView(
  pool: Pool,
  id: string
): Promise<(CaseRow & { view: CaseView | null }) | undefined> {
  const { rows } = await pool.query<CaseDbRow & { view: CaseView | null }>(
    `SELECT ${CASE_COLUMNS}, c.view ${CASE_FROM} WHERE c.id = $1`,
    [id]
  );
  const row = rows[0];
  return row ? { ...toCaseRow(row), view: row.view } : undefined;
}

/** The stored case view and its version alone: what a read waiting for a newer version polls. */
export async function storedCaseView(
  pool: Pool,
  id: string
): Promise<{ view: CaseView | null; version: number } | undefined> {
  const { rows } = await pool.query<{ view: CaseView | null; version: number }>(
    'SELECT view, version FROM cases WHERE id = $1',
    [id]
  );
  return rows[0];
}
