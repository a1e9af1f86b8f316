/**
 * The staff-relatives register (近亲属备案): relatives of case workers and village cadres, kept by
 * the county and read by the risk rule that looks for undeclared close relatives.
 */
import type { Pool } from 'pg';

/** Adds to (or replaces an entry of) the staff-relatives register. */
export async function upsertStaffRelative(
  pool: Pool,
  e: {
    staffUserId: string;
    staffName: string;
    staffOrg: string;
    relativeIdNumber: string;
    relativeName: string | null;
    relation: string;
    registeredBy: string;
  }
): Promise<void> {
  await pool.query(
    `INSERT INTO staff_relatives (staff_user_id, staff_name, staff_org, relative_id_number, relative_name, relation,
       registered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (staff_user_id, relative_id_number) DO UPDATE SET staff_name = EXCLUDED.staff_name,
       staff_org = EXCLUDED.staff_org, relative_name = EXCLUDED.relative_name, relation = EXCLUDED.relation,
       registered_by = EXCLUDED.registered_by, registered_at = now()`,
    [e.staffUserId, e.staffName, e.staffOrg, e.relativeIdNumber, e.relativeName, e.relation, e.registeredBy]
  );
}

export async function listStaffRelatives(pool: Pool, orgPrefix: string) {
  const { rows } = await pool.query<{
    staff_user_id: string;
    staff_name: string;
    staff_org: string;
    relative_id_number: string;
    relative_name: string | null;
    relation: string;
    registered_by: string;
    registered_at: Date;
  }>(`SELECT * FROM staff_relatives WHERE staff_org LIKE $1 || '%' ORDER BY staff_org, staff_user_id, id LIMIT 1000`, [
    orgPrefix,
  ]);
  return rows.map((r) => ({
    staffUserId: r.staff_user_id,
    staffName: r.staff_name,
    staffOrg: r.staff_org,
    relativeIdNumber: r.relative_id_number,
    relativeName: r.relative_name,
    relation: r.relation,
    registeredBy: r.registered_by,
    registeredAt: r.registered_at.toISOString(),
  }));
}

/**
 * The register's entries naming anyone in a case's household (its form's members and applicant) or
 * in any case of a household application: whom recusal (回避) keeps off those cases. Ids as
 * registered; the caller compares them canonically.
 */
export async function relativesRegisteredFor(
  pool: Pool,
  of: { caseId: string } | { householdId: string }
): Promise<{ staffUserId: string; relation: string }[]> {
  const { rows } = await pool.query<{ staff_user_id: string; relation: string }>(
    `WITH household_cases AS (
       SELECT case_id, applicant_id FROM applications WHERE case_id = $1 OR household_id = $2
     ), people AS (
       SELECT m.id_number FROM application_members m WHERE m.case_id IN (SELECT case_id FROM household_cases)
       UNION SELECT applicant_id FROM household_cases
     )
     SELECT staff_user_id, relation FROM staff_relatives
      WHERE relative_id_number IN (SELECT id_number FROM people)
      ORDER BY id`,
    ['caseId' in of ? of.caseId : null, 'householdId' in of ? of.householdId : null]
  );
  return rows.map((r) => ({ staffUserId: r.staff_user_id, relation: r.relation }));
}
