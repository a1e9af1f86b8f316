/**
 * Gathers what the risk rules need about one case, in a handful of indexed queries: the case and
 * its form, other active cases sharing a member (application_members) or the payee account, death
 * records of its members, the staff-relatives register, and the household's temporary-help
 * payments within the window. The rules themselves are in definitions/risk.
 */
import type { Pool } from 'pg';
import type { CaseFacts, OtherCase, PersonRef } from '../definitions/risk';

export interface CaseScope {
  county: string;
  township: string;
  village: string;
}

interface FormMember {
  idNumber: string;
  name: string;
}

const people = (members: FormMember[] | null): PersonRef[] =>
  (members ?? []).map((m) => ({ idNumber: m.idNumber, name: m.name }));

/** Other active cases considered for one case; a person in more is a matter for the list, not this rule. */
const OTHER_CASES_LIMIT = 200;

export async function gatherCaseFacts(
  pool: Pool,
  caseId: string,
  temporaryHelp: { program: string; since: string }
): Promise<{ facts: CaseFacts; scope: CaseScope } | undefined> {
  const { rows } = await pool.query<{
    program: string;
    status: string;
    step: string;
    monthly_amount: string | null;
    county_code: string;
    township_code: string;
    village_code: string;
    form: {
      applicant: FormMember;
      household?: { members: FormMember[] };
      closeRelative: unknown;
      payee?: { accountNumber: string } | null;
    };
    paid: boolean;
  }>(
    `SELECT c.program, c.status, c.step, c.monthly_amount, c.county_code, c.township_code, c.village_code, a.form,
            EXISTS (SELECT 1 FROM disbursements d WHERE d.case_id = c.id) AS paid
       FROM cases c JOIN applications a ON a.case_id = c.id
      WHERE c.id = $1`,
    [caseId]
  );
  const row = rows[0];
  // A referral's request names one person and no household: the household rules have nothing to read.
  if (!row || row.form.household === undefined) return undefined;
  const members = people(row.form.household.members);
  const ids = members.map((m) => m.idNumber);
  const account = row.form.payee?.accountNumber ?? null;

  const [others, deaths, relatives, grants] = await Promise.all([
    pool.query<{ id: string; program: string; members: FormMember[]; account: string | null }>(
      `SELECT c.id, c.program, a.form->'household'->'members' AS members, a.form->'payee'->>'accountNumber' AS account
         FROM applications a JOIN cases c ON c.id = a.case_id
        WHERE c.status = 'active' AND c.id <> $1
          AND (a.case_id IN (SELECT m.case_id FROM application_members m WHERE m.id_number = ANY($2::text[]))
               OR ($3::text IS NOT NULL AND a.form->'payee'->>'accountNumber' = $3::text))
        ORDER BY c.id
        LIMIT ${OTHER_CASES_LIMIT}`,
      [caseId, ids, account]
    ),
    pool.query<{ id_number: string; date: string; record_ref: string }>(
      `SELECT id_number, to_char(event_date, 'YYYY-MM-DD') AS date, record_ref
         FROM registry_civil_affairs WHERE event = 'death' AND id_number = ANY($1::text[])
        ORDER BY event_date, record_ref`,
      [ids]
    ),
    pool.query<{
      staff_user_id: string;
      staff_name: string;
      staff_org: string;
      relative_id_number: string;
      relation: string;
    }>(
      `SELECT staff_user_id, staff_name, staff_org, relative_id_number, relation
         FROM staff_relatives WHERE relative_id_number = ANY($1::text[]) ORDER BY id`,
      [ids]
    ),
    pool.query<{ case_id: string; amount: number; decided_at: Date }>(
      `SELECT d.case_id, sum(d.amount)::float8 AS amount, min(d.decided_at) AS decided_at
         FROM disbursements d
        WHERE d.program = $1 AND d.decided_at >= $2
          AND d.case_id IN (SELECT m.case_id FROM application_members m WHERE m.id_number = ANY($3::text[]))
        GROUP BY d.case_id ORDER BY d.case_id`,
      [temporaryHelp.program, temporaryHelp.since, ids]
    ),
  ]);

  const otherActiveCases: OtherCase[] = others.rows.map((o) => ({
    caseId: o.id,
    program: o.program,
    members: people(o.members),
    payeeAccount: o.account,
  }));
  const active = row.status === 'active';
  return {
    scope: { county: row.county_code, township: row.township_code, village: row.village_code },
    facts: {
      caseId,
      program: row.program,
      active,
      receiving: active && (row.step === 'inPayment' || row.monthly_amount !== null || row.paid),
      applicant: { idNumber: row.form.applicant.idNumber, name: row.form.applicant.name },
      members,
      closeRelativeDeclared: row.form.closeRelative !== null && row.form.closeRelative !== undefined,
      payeeAccount: account,
      otherActiveCases,
      deaths: deaths.rows.map((d) => ({ idNumber: d.id_number, date: d.date, reference: d.record_ref })),
      staffRelatives: relatives.rows.map((r) => ({
        staffUserId: r.staff_user_id,
        staffName: r.staff_name,
        staffOrg: r.staff_org,
        relativeIdNumber: r.relative_id_number,
        relation: r.relation,
      })),
      temporaryHelpGrants: grants.rows.map((g) => ({
        caseId: g.case_id,
        amount: g.amount,
        decidedAt: g.decided_at.toISOString(),
      })),
    },
  };
}

/**
 * A page of active household cases after `after`, in id order: the periodic sweep's batches, of
 * every county or of `county` alone. Referrals (no household on their form) are not risk-assessed.
 */
export async function activeCaseIds(
  pool: Pool,
  after: string | null,
  limit: number,
  county: string | null = null
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT c.id FROM cases c
      WHERE c.status = 'active' AND c.program <> 'referral' AND ($1::text IS NULL OR c.id > $1)
        AND ($3::text IS NULL OR c.county_code = $3)
      ORDER BY c.id LIMIT $2`,
    [after, limit, county]
  );
  return rows.map((r) => r.id);
}
