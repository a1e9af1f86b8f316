/**
 * The fuzz test's world: a county of its own on the national rules (clocks of days, so nothing
 * moves between requests unless a request moved it), people of every role in it, a case, a
 * referral and a household application to aim at, and a fingerprint of every row of the county.
 */
import type { Pool } from 'pg';
import type { TestApi } from './apiServer';
import type { Person } from './factories';
import { withCheckCharacter } from '../../definitions/shared/identity';
import { authHeadersFor } from './credentials';
import { anApplication, residentIds } from './factories';
import type { FuzzWorld } from './fuzzRequests';
import type { Stack } from './stack';
import { eventually } from './stack';

export const FUZZ_COUNTY = '379983';
const orgs = { county: FUZZ_COUNTY, township: `${FUZZ_COUNTY}001`, village: `${FUZZ_COUNTY}001001` };

const person = (role: Person['role'], org: string, extra: Partial<Person> = {}): Person => ({
  userId: `fuzz-${role}`,
  role,
  org,
  ...extra,
});
export const fuzzPeople: Person[] = [
  person('window', orgs.township),
  person('township', orgs.township),
  person('village', orgs.village),
  person('county', orgs.county),
  person('supervisor', orgs.county),
  person('finance', orgs.county),
  person('department', orgs.county, { department: 'medical' }),
];

async function created(api: TestApi, path: string, body: unknown, role: Person['role']): Promise<string> {
  const res = await api.call(
    'POST',
    path,
    fuzzPeople.find((p) => p.role === role)!,
    body
  );
  if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/**
 * ID numbers of the fuzz county's own, in place of the factory's: other test files file cases with
 * the factory's, and their risk assessments would name the fuzz cases as related (a shared member),
 * writing rows that mention the fuzz county while the fuzz test watches them.
 */
const fuzzIds = {
  applicant: withCheckCharacter('37998319700101002'),
  spouse: withCheckCharacter('37998319720305004'),
  child: withCheckCharacter('37998320100615003'),
};

function withFuzzIds<T>(form: T): T {
  let text = JSON.stringify(form);
  for (const role of ['applicant', 'spouse', 'child'] as const)
    text = text.replaceAll(residentIds[role], fuzzIds[role]);
  return JSON.parse(text) as T;
}

/** One case, one referral and one household application to aim at, and values that fit the schemas. */
export async function seedWorld(api: TestApi, pool: Pool): Promise<FuzzWorld> {
  const caseId = await created(api, '/api/applications', withFuzzIds(anApplication({ orgs })), 'window');
  const applicant = { name: '张三', idNumber: fuzzIds.spouse, address: '某村1号' };
  const referralId = await created(
    api,
    '/api/referrals',
    { department: 'medical', orgs, reason: '需医疗救助', applicant },
    'township'
  );
  const { program: _program, ...form } = withFuzzIds(
    anApplication({ orgs, applicant: { name: '李四', idNumber: residentIds.child } })
  );
  const members = [{ ...form.household.members[0]!, idNumber: fuzzIds.child }];
  const householdForm = { ...form, household: { ...form.household, members }, programs: ['dibao'] };
  const householdId = await created(api, '/api/household-applications', householdForm, 'window');
  const tasks = await pool.query<{ id: string }>('SELECT id::text FROM tasks WHERE candidate_org LIKE $1', [
    `${FUZZ_COUNTY}%`,
  ]);
  const cycleId = `PC-${FUZZ_COUNTY}-2026-12`;
  const [account, phone, month, day] = ['6222020200000000', '13800000000', '2026-12', '2026-12-01'];
  return {
    patterned: [orgs.village, orgs.township, FUZZ_COUNTY, caseId, householdId, referralId, cycleId, month, day, phone],
    byName: {
      ...{
        idNumber: fuzzIds.applicant,
        accountNumber: account,
        caseId,
        period: month,
        from: '2026-11-01',
        to: day,
      },
      ...{ org: FUZZ_COUNTY, county: FUZZ_COUNTY, township: orgs.township, village: orgs.village },
      ...{ userId: 'fuzz-township', staffUserId: 'fuzz-township', toUserId: 'fuzz-township' },
    },
    ids: {
      applications: [caseId, `DB-${FUZZ_COUNTY}-00000000000000000000`],
      'household-applications': [householdId],
      referrals: [referralId],
      'payment-cycles': [cycleId],
      tasks: [...tasks.rows.map((t) => t.id), '1'],
      risks: ['1', '2'],
      stuck: [caseId],
      programs: ['dibao@1', 'tekun@1'],
    },
    people: await Promise.all(
      fuzzPeople.map(async (p) => {
        const { 'content-type': _type, ...identity } = await authHeadersFor(pool, p);
        return identity;
      })
    ),
  };
}

/**
 * Every table's rows of the fuzz county (by its code or a fuzz user anywhere in the row), as a
 * count and a checksum per table. Other test files share the database, so the county scopes it.
 * Sign-in bookkeeping (a token's last use) and the access log (every successful read, by design;
 * test/api/accessLog.test.ts checks that a refused read leaves no row) are left out.
 */
export async function snapshot(pool: Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'registry\\_%'
        AND table_name NOT IN ('staff', 'staff_posts', 'staff_sessions', 'staff_changes', 'api_tokens', 'access_log')`
  );
  const union = tables
    .map(
      ({ name }) => `SELECT '${name}' AS t, count(*) || ':' || coalesce(sum(hashtext(x::text)), 0) AS v
                       FROM "${name}" x WHERE x::text LIKE '%${FUZZ_COUNTY}%' OR x::text LIKE '%fuzz-%'`
    )
    .join(' UNION ALL ');
  const { rows } = await pool.query<{ t: string; v: string }>(union);
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

/** Waits until the fuzz workflows have nothing in flight and the county's rows stop changing. */
export async function settled(stack: Stack): Promise<Record<string, string>> {
  let last = await snapshot(stack.pool);
  return eventually(
    async () => {
      const running = stack.client.workflow.list({
        query: `TaskQueue = "${stack.taskQueue}" AND ExecutionStatus = "Running"`,
      });
      for await (const execution of running) {
        const { raw } = await stack.client.workflow.getHandle(execution.workflowId).describe();
        if ((raw.pendingActivities?.length ?? 0) > 0 || raw.pendingWorkflowTask) return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = await snapshot(stack.pool);
      const same = JSON.stringify(now) === JSON.stringify(last);
      last = now;
      return same ? now : undefined;
    },
    30_000,
    'the fuzz county to settle'
  );
}
