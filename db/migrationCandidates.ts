/**
 * The read model's running cases a chart-version migration may concern: on the plan's old or new
 * version (a case already moved answers "already migrated"), under an org, optionally in one step,
 * in id order so a batch can go on after the last case it saw.
 */
import type { Pool } from 'pg';

export interface MigrationCandidate {
  id: string;
  program: string;
  definitionVersion: string;
  step: string;
  county: string;
}

export interface MigrationCandidateFilter {
  versions: readonly string[];
  program: string;
  /** Org code prefix (a county, township or province): cases whose village is under it. */
  underOrg: string;
  step?: string;
  afterId?: string;
  limit: number;
}

export async function migrationCandidates(pool: Pool, filter: MigrationCandidateFilter): Promise<MigrationCandidate[]> {
  const { rows } = await pool.query<{
    id: string;
    program: string;
    definition_version: string;
    step: string;
    county_code: string;
  }>(
    `SELECT id, program, definition_version, step, county_code
       FROM cases
      WHERE status = 'active' AND definition_version = ANY($1::text[]) AND program = $2
        AND village_code LIKE $3 || '%' AND ($4::text IS NULL OR step = $4) AND ($5::text IS NULL OR id > $5)
      ORDER BY id
      LIMIT $6`,
    [filter.versions, filter.program, filter.underOrg, filter.step ?? null, filter.afterId ?? null, filter.limit]
  );
  return rows.map((r) => ({
    id: r.id,
    program: r.program,
    definitionVersion: r.definition_version,
    step: r.step,
    county: r.county_code,
  }));
}
