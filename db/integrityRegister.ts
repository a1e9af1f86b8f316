/**
 * The integrity register in PostgreSQL: each application's pledge, written with the submission,
 * and dishonesty records, written by the activities that record their cause (a transition, a
 * closed check run) or by a supervisor. Natural keys make every write safe to retry.
 */
import type { Pool, QueryConfig } from 'pg';
import type { DishonestySource } from '../definitions/integrity';
import type { Application } from '../definitions/shared/application';

/** The applicant's pledge (守信承诺), signed at the window with the application. */
export function insertPledge(caseId: string, app: Application, recordedBy: string, signedAt: string): QueryConfig {
  return {
    text: `INSERT INTO pledges (case_id, signer_name, signer_id_number, signed_at, recorded_by)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
    values: [caseId, app.applicant.name, app.applicant.idNumber, signedAt, recordedBy],
  };
}

export interface CaseDishonesty {
  caseId: string;
  source: Exclude<DishonestySource, 'manual'>;
  /** The event sequence or check run that found it. */
  sourceRef: string;
  reasonZh: string;
  recordedBy: string;
  createdAt: string;
  expiresAt: string;
}

/** A record naming the case's household as its form lists it. */
export function insertCaseDishonesty(d: CaseDishonesty): QueryConfig {
  return {
    text: `INSERT INTO dishonesty_records (case_id, applicant_id_number, id_numbers, county_code, reason_zh, source,
             source_ref, recorded_by, created_at, expires_at)
           SELECT a.case_id, a.applicant_id,
                  ARRAY(SELECT m->>'idNumber' FROM jsonb_array_elements(a.form->'household'->'members') AS m),
                  a.county_code, $2, $3, $4, $5, $6, $7
             FROM applications a WHERE a.case_id = $1
           ON CONFLICT (case_id, source, source_ref) DO NOTHING`,
    values: [d.caseId, d.reasonZh, d.source, d.sourceRef, d.recordedBy, d.createdAt, d.expiresAt],
  };
}

export interface ManualDishonesty {
  caseId: string | null;
  applicantIdNumber: string;
  idNumbers: string[];
  countyCode: string;
  reasonZh: string;
  recordedBy: string;
  createdAt: string;
  expiresAt: string;
}

export async function insertManualDishonesty(pool: Pool, d: ManualDishonesty): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO dishonesty_records (case_id, applicant_id_number, id_numbers, county_code, reason_zh, source,
       source_ref, recorded_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, 'manual', gen_random_uuid()::text, $6, $7, $8) RETURNING id`,
    [d.caseId, d.applicantIdNumber, d.idNumbers, d.countyCode, d.reasonZh, d.recordedBy, d.createdAt, d.expiresAt]
  );
  return Number(rows[0]!.id);
}

export interface DishonestyRow {
  id: number;
  caseId: string | null;
  applicantIdNumber: string;
  idNumbers: string[];
  countyCode: string;
  reasonZh: string;
  source: DishonestySource;
  sourceRef: string;
  recordedBy: string;
  createdAt: string;
  expiresAt: string;
  inForce: boolean;
}

interface RawDishonesty {
  id: string;
  case_id: string | null;
  applicant_id_number: string;
  id_numbers: string[];
  county_code: string;
  reason_zh: string;
  source: DishonestySource;
  source_ref: string;
  recorded_by: string;
  created_at: Date;
  expires_at: Date;
  in_force: boolean;
}

const toDishonesty = (r: RawDishonesty): DishonestyRow => ({
  id: Number(r.id),
  caseId: r.case_id,
  applicantIdNumber: r.applicant_id_number,
  idNumbers: r.id_numbers,
  countyCode: r.county_code,
  reasonZh: r.reason_zh,
  source: r.source,
  sourceRef: r.source_ref,
  recordedBy: r.recorded_by,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  inForce: r.in_force,
});

export interface DishonestyFilter {
  /** Records naming any of these people. */
  idNumbers?: string[];
  caseId?: string;
  /** County-code prefix of the caller's org. */
  countyPrefix: string;
  includeExpired: boolean;
  after?: { createdAt: string; id: number };
  limit: number;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listDishonesty(pool: Pool, f: DishonestyFilter): Promise<DishonestyRow[]> {
  const { rows } = await pool.query<RawDishonesty>(
    `SELECT d.*, d.expires_at > now() AS in_force FROM dishonesty_records d
      WHERE d.county_code LIKE $1 || '%'
        AND ($2::text[] IS NULL OR d.id_numbers && $2::text[])
        AND ($3::text IS NULL OR d.case_id = $3)
        AND ($4::boolean OR d.expires_at > now())
        AND ($5::timestamptz IS NULL OR (d.created_at, d.id) < ($5::timestamptz, $6::bigint))
      ORDER BY d.created_at DESC, d.id DESC
      LIMIT $7`,
    [
      f.countyPrefix,
      f.idNumbers ?? null,
      f.caseId ?? null,
      f.includeExpired,
      f.after?.createdAt ?? null,
      f.after?.id ?? 0,
      f.limit,
    ]
  );
  return rows.map(toDishonesty);
}

/** Records in force naming anyone in a case's household (wherever they were made), for its reviewers. */
export async function householdDishonesty(pool: Pool, caseId: string): Promise<DishonestyRow[]> {
  const { rows } = await pool.query<RawDishonesty>(
    `SELECT d.*, true AS in_force FROM dishonesty_records d
      WHERE d.id_numbers && ARRAY(SELECT m.id_number FROM application_members m WHERE m.case_id = $1)
        AND d.expires_at > now()
      ORDER BY d.created_at DESC, d.id DESC`,
    [caseId]
  );
  return rows.map(toDishonesty);
}

export async function pledgeOfCase(
  pool: Pool,
  caseId: string
): Promise<{ signerName: string; signerIdNumber: string; signedAt: string; recordedBy: string } | null> {
  const { rows } = await pool.query<{
    signer_name: string;
    signer_id_number: string;
    signed_at: Date;
    recorded_by: string;
  }>(
    // A household's child case has no pledge of its own: the household's one pledge covers it.
    `SELECT signer_name, signer_id_number, signed_at, recorded_by FROM pledges WHERE case_id = $1
     UNION ALL
     SELECT p.signer_name, p.signer_id_number, p.signed_at, p.recorded_by
       FROM applications a JOIN household_pledges p ON p.household_id = a.household_id
      WHERE a.case_id = $1`,
    [caseId]
  );
  const r = rows[0];
  return r
    ? {
        signerName: r.signer_name,
        signerIdNumber: r.signer_id_number,
        signedAt: r.signed_at.toISOString(),
        recordedBy: r.recorded_by,
      }
    : null;
}

/** The ID numbers of a case's household, as its form lists them. */
export async function householdIdNumbers(pool: Pool, caseId: string): Promise<string[]> {
  const { rows } = await pool.query<{ id_number: string }>(
    'SELECT id_number FROM application_members WHERE case_id = $1 ORDER BY id_number',
    [caseId]
  );
  return rows.map((r) => r.id_number);
}
