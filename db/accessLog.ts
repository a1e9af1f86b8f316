/**
 * The access log (查询留痕) in PostgreSQL: one INSERT per read of personal data, and the
 * supervisor's list of it under their org, newest first, keyset-paginated on (read_at, id).
 * Rows hold ids and codes, never a personal value (migrations/024_access_log.sql).
 */
import type { Pool } from 'pg';
import type { AccessKind, Served } from '../definitions/access';

export interface AccessLogEntry {
  userId: string;
  role: string;
  org: string;
  department: string | null;
  kind: AccessKind;
  caseId: string | null;
  householdId: string | null;
  cycleId: string | null;
  /** The division code the data belongs to: whose supervisors see the row. */
  scopeOrg: string;
  purpose: string | null;
  requestId: string | null;
  served: Served;
}

export async function insertAccessLog(pool: Pool, e: AccessLogEntry): Promise<void> {
  await pool.query(
    `INSERT INTO access_log (user_id, role, org, department, kind, case_id, household_id, cycle_id, scope_org,
                             purpose, request_id, served)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      e.userId,
      e.role,
      e.org,
      e.department,
      e.kind,
      e.caseId,
      e.householdId,
      e.cycleId,
      e.scopeOrg,
      e.purpose,
      e.requestId,
      e.served,
    ]
  );
}

export interface AccessLogRow extends AccessLogEntry {
  id: number;
  readAt: string;
}

export interface AccessLogFilter {
  /** Division-code prefix: rows whose data belongs under this org. */
  org: string;
  caseId?: string;
  userId?: string;
  kind?: AccessKind;
  /** Instants [from, to). */
  from?: string;
  to?: string;
  after?: { readAt: string; id: number };
  limit: number;
}

interface RawRow {
  id: string;
  read_at: Date;
  user_id: string;
  role: string;
  org: string;
  department: string | null;
  kind: AccessKind;
  case_id: string | null;
  household_id: string | null;
  cycle_id: string | null;
  scope_org: string;
  purpose: string | null;
  request_id: string | null;
  served: Served;
}

export async function listAccessLog(pool: Pool, f: AccessLogFilter): Promise<AccessLogRow[]> {
  const { rows } = await pool.query<RawRow>(
    `SELECT id, read_at, user_id, role, org, department, kind, case_id, household_id, cycle_id, scope_org, purpose,
            request_id, served
       FROM access_log
      WHERE scope_org LIKE $1 || '%'
        AND ($2::text IS NULL OR case_id = $2) AND ($3::text IS NULL OR user_id = $3)
        AND ($4::text IS NULL OR kind = $4)
        AND ($5::timestamptz IS NULL OR read_at >= $5) AND ($6::timestamptz IS NULL OR read_at < $6)
        AND ($7::timestamptz IS NULL OR (read_at, id) < ($7::timestamptz, $8::bigint))
      ORDER BY read_at DESC, id DESC
      LIMIT $9`,
    [
      f.org,
      f.caseId ?? null,
      f.userId ?? null,
      f.kind ?? null,
      f.from ?? null,
      f.to ?? null,
      f.after?.readAt ?? null,
      f.after?.id ?? 0,
      f.limit,
    ]
  );
  return rows.map((r) => ({
    id: Number(r.id),
    readAt: r.read_at.toISOString(),
    userId: r.user_id,
    role: r.role,
    org: r.org,
    department: r.department,
    kind: r.kind,
    caseId: r.case_id,
    householdId: r.household_id,
    cycleId: r.cycle_id,
    scopeOrg: r.scope_org,
    purpose: r.purpose,
    requestId: r.request_id,
    served: r.served,
  }));
}
