/**
 * Household applications in PostgreSQL: the household's form and its one pledge, written together
 * before any child case starts (a child's applications row refers to it), and the row the API reads
 * to check who may see the household. Natural key: the household id, so a retry is a no-op.
 */
import type { Pool, QueryConfig } from 'pg';
import type { HouseholdApplication } from '../definitions/intake/householdForm';
import type { CaseOrgs } from '../definitions/shared/actors';
import { atomically } from './caseWrites';

export interface HouseholdSubmission {
  householdId: string;
  form: HouseholdApplication;
  recordedBy: string;
  submittedAt: string;
}

export function insertHousehold({ householdId, form, recordedBy, submittedAt }: HouseholdSubmission): QueryConfig {
  return atomically([
    {
      text: `INSERT INTO household_applications (id, county_code, township_code, village_code, applicant_name,
               applicant_id, programs, referrals, form, submitted_by, submitted_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING`,
      values: [
        householdId,
        form.orgs.county,
        form.orgs.township,
        form.orgs.village,
        form.applicant.name,
        form.applicant.idNumber,
        form.programs,
        form.referrals,
        JSON.stringify(form),
        recordedBy,
        submittedAt,
      ],
    },
    {
      // 守信承诺: signed once at the window for every program the household applies for.
      text: `INSERT INTO household_pledges (household_id, signer_name, signer_id_number, signed_at, recorded_by)
             VALUES ($1,$2,$3,$4,$5) ON CONFLICT (household_id) DO NOTHING`,
      values: [householdId, form.applicant.name, form.applicant.idNumber, submittedAt, recordedBy],
    },
  ]);
}

export interface HouseholdRow {
  id: string;
  orgs: CaseOrgs;
  submittedAt: string;
}

export async function findHousehold(pool: Pool, id: string): Promise<HouseholdRow | null> {
  const { rows } = await pool.query<{
    id: string;
    county_code: string;
    township_code: string;
    village_code: string;
    submitted_at: Date;
  }>('SELECT id, county_code, township_code, village_code, submitted_at FROM household_applications WHERE id = $1', [
    id,
  ]);
  const r = rows[0];
  return r
    ? {
        id: r.id,
        orgs: { county: r.county_code, township: r.township_code, village: r.village_code },
        submittedAt: r.submitted_at.toISOString(),
      }
    : null;
}
