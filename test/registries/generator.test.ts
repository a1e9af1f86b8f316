import type { Pool } from 'pg';
import type { EligibilityResult, Finding } from '../../definitions/eligibility';
import { evaluateDibao, resolveEligibilityRules, sourceIds } from '../../definitions/eligibility';
import type { CaseOrgs } from '../../definitions/shared/actors';
import { applicationSchema } from '../../definitions/shared/application';
import { isValidResidentId } from '../../definitions/shared/identity';
import { createPool } from '../../db/pool';
import type { GeneratedHousehold, HouseholdProfile } from '../../registries/generator';
import { findingsOf, generateRegistry, householdProfiles, writeGeneratedRegistry } from '../../registries/generator';
import { createRegistrySources } from '../../registries/sources/registrySource';
import { testEnvironment } from '../support/environment';

const ON_DATE = '2026-12-01';
// A county under Tai'an (3709) of this file's own, so its people share no id number with other tests.
const orgs: CaseOrgs = { county: '370988', township: '370988001', village: '370988001001' };
const rules = resolveEligibilityRules(orgs.county, ON_DATE);

const evaluate = (household: GeneratedHousehold, findings: Finding[]): EligibilityResult =>
  evaluateDibao({ application: applicationSchema.parse(household.application), findings, rules, onDate: ON_DATE });
const failed = (result: EligibilityResult) => result.checks.filter((c) => !c.passed).map((c) => c.rule);

/** What each profile promises, as the eligibility rules see it. */
function expectProfileKept(profile: HouseholdProfile, result: EligibilityResult): void {
  const expectations: Record<HouseholdProfile, () => void> = {
    eligible: () => expect(result).toMatchObject({ eligible: true, flagged: false }),
    overIncome: () => {
      expect(result).toMatchObject({ eligible: false, lowIncomeEdge: false });
      expect(failed(result)).toEqual(['income.belowLine']);
    },
    lowIncomeEdge: () => expect(result).toMatchObject({ eligible: false, lowIncomeEdge: true }),
    hiddenDeposits: () => expect(failed(result)).toEqual(['assets.financial', 'declaration.propertyDeclared']),
    hiddenVehicle: () => expect(failed(result)).toEqual(['assets.vehicles', 'declaration.propertyDeclared']),
    secondProperty: () => expect(failed(result)).toEqual(['assets.housing', 'declaration.propertyDeclared']),
    business: () => expect(failed(result)).toEqual(['assets.business', 'declaration.propertyDeclared']),
    deadMember: () => {
      expect(result).toMatchObject({ eligible: true, flagged: true });
      expect(result.members.excluded).toHaveLength(1);
      expect(failed(result)).toEqual(['household.memberRegisteredDead']);
    },
  };
  expectations[profile]();
}

describe('the demo data generator', () => {
  it('is reproducible: the same seed gives the same households, records and references', () => {
    const first = generateRegistry({ seed: 7, households: 16, orgs, onDate: ON_DATE });
    const second = generateRegistry({ seed: 7, households: 16, orgs, onDate: ON_DATE });
    expect(second).toEqual(first);
    const other = generateRegistry({ seed: 8, households: 16, orgs, onDate: ON_DATE });
    expect(other.households.map((h) => h.application)).not.toEqual(first.households.map((h) => h.application));
  });

  it('makes valid application forms with distinct, valid resident id numbers under the given orgs', () => {
    const data = generateRegistry({ seed: 11, households: 24, orgs, onDate: ON_DATE });
    const ids = data.households.flatMap((h) => h.application.household.members.map((m) => m.idNumber));
    expect(new Set(ids).size).toBe(ids.length);
    for (const household of data.households) {
      const parsed = applicationSchema.safeParse(household.application);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(household.application.orgs).toEqual(orgs);
    }
    expect(ids.every((id) => isValidResidentId(id) && id.startsWith(orgs.county))).toBe(true);
  });

  it('deals out every profile, and each household shows what its profile promises', () => {
    const data = generateRegistry({ seed: 2026, households: 32, orgs, onDate: ON_DATE });
    const profiles = data.households.map((h) => h.profile);
    for (const profile of householdProfiles) expect(profiles.filter((p) => p === profile)).toHaveLength(4);
    for (const household of data.households) {
      const result = evaluate(household, findingsOf(household));
      expect([household.index, household.profile]).toEqual([household.index, household.profile]);
      expectProfileKept(household.profile, result);
    }
  });

  it('defaults to the demo county', () => {
    const data = generateRegistry({ seed: 1, households: 1 });
    expect(data.orgs).toEqual({ county: '370999', township: '370999001', village: '370999001001' });
  });
});

describe('the demo data in the registry tables', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = createPool(testEnvironment().databaseUrl, { max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('written once or twice, the registry answers each household with the mix the generator promised', async () => {
    const data = generateRegistry({ seed: 31, households: 16, orgs, onDate: ON_DATE });
    const first = await writeGeneratedRegistry(pool, data);
    expect(first.reduce((acc, r) => acc + r.written, 0)).toBeGreaterThan(0);
    const again = await writeGeneratedRegistry(pool, data);
    expect(again.reduce((acc, r) => acc + r.written, 0)).toBe(0);

    const sources = createRegistrySources(pool);
    const tally = { eligible: 0, overLine: 0, hiddenAssets: 0, deadMember: 0 };
    for (const household of data.households) {
      const members = household.application.household.members.map((m) => ({ idNumber: m.idNumber, name: m.name }));
      const answers = await Promise.all(
        sourceIds.map((id) =>
          sources[id].query({
            caseId: `demo-${household.index}`,
            run: 1,
            members,
            authorisation: { signed: true, signedAt: '2026-11-30T02:00:00Z' },
          })
        )
      );
      const findings = answers.flatMap((a) => a.findings);
      expect(findings.map((f) => f.reference).sort()).toEqual(
        findingsOf(household)
          .map((f) => f.reference)
          .sort()
      );
      const result = evaluate(household, findings);
      expectProfileKept(household.profile, result);
      if (result.eligible) tally.eligible += 1;
      if (failed(result).includes('income.belowLine')) tally.overLine += 1;
      if (failed(result).some((rule) => rule.startsWith('assets.'))) tally.hiddenAssets += 1;
      if (result.members.excluded.length > 0) tally.deadMember += 1;
    }
    expect(tally).toEqual({ eligible: 4, overLine: 4, hiddenAssets: 8, deadMember: 2 });
  });
});
