/**
 * A reproducible generator of demo households and the department records about them: the same
 * seed gives the same households, id numbers, records and references. It produces a known mix —
 * eligible households, households over the income line or in the low-income edge, households with
 * hidden assets (deposits, a car, a second property, a business) and households listing a member
 * civil affairs has registered dead — and returns the application forms a demo can submit.
 * Generating is pure; `writeGeneratedRegistry` writes the records into the registry tables.
 */
import type { Pool } from 'pg';
import type { EligibilityRules, Finding, SourceId } from '../definitions/eligibility';
import { resolveEligibilityRules, sourceIds } from '../definitions/eligibility';
import type { CaseOrgs } from '../definitions/shared/actors';
import type { GeneratedHousehold } from './householdBuilder';
import { buildHousehold, householdProfiles } from './householdBuilder';
import { SeededRandom } from './random';
import type { LoadReport } from './registryLoader';
import { writeRegistryBatches } from './registryLoader';
import type { RegistryRow } from './registryTables';
import { registryTables } from './registryTables';

export { householdProfiles };
export type { GeneratedHousehold, HouseholdProfile } from './householdBuilder';

export const demoOrgs: CaseOrgs = { county: '370999', township: '370999001', village: '370999001001' };

export interface GeneratorOptions {
  seed: number;
  /** How many households; the profiles are dealt out evenly, so 8 or more gives every kind. */
  households?: number;
  orgs?: CaseOrgs;
  /** The day the records describe and ages are counted on. */
  onDate?: string;
  /** The rules the mix is made for; default: the built-in rules of the county on `onDate`. */
  rules?: EligibilityRules;
}

export interface GeneratedRegistry {
  seed: number;
  onDate: string;
  orgs: CaseOrgs;
  households: GeneratedHousehold[];
}

export function generateRegistry(options: GeneratorOptions): GeneratedRegistry {
  const orgs = options.orgs ?? demoOrgs;
  const onDate = options.onDate ?? '2026-12-01';
  const rules = options.rules ?? resolveEligibilityRules(orgs.county, onDate);
  const count = options.households ?? 24;
  const random = new SeededRandom(options.seed);
  const dealt = random.shuffle(
    Array.from({ length: count }, (_, i) => householdProfiles[i % householdProfiles.length])
  );
  const taken = new Set<string>();
  const households = dealt.map((profile, index) =>
    buildHousehold({ random, index, profile: profile ?? 'eligible', orgs, onDate, rules, seed: options.seed, taken })
  );
  return { seed: options.seed, onDate, orgs, households };
}

/** The records about one household, as the registry adapter would report them. */
export function findingsOf(household: GeneratedHousehold): Finding[] {
  return sourceIds.flatMap((id) => (household.rows[id] ?? []).map((row) => registryTables[id].toFinding(row)));
}

/** All generated rows, source by source. */
export function rowsBySource(data: GeneratedRegistry): { sourceId: SourceId; rows: RegistryRow[] }[] {
  return sourceIds.map((sourceId) => ({ sourceId, rows: data.households.flatMap((h) => h.rows[sourceId] ?? []) }));
}

/** Writes the generated records into the registry tables (idempotent, one transaction). */
export async function writeGeneratedRegistry(pool: Pool, data: GeneratedRegistry): Promise<LoadReport[]> {
  return writeRegistryBatches(
    pool,
    rowsBySource(data).map(({ sourceId, rows }) => ({ sourceId, file: `generator seed ${data.seed}`, rows }))
  );
}
