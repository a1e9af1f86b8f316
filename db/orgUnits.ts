/**
 * The administrative-division register (migration 027): written from a checked data file, read by
 * the pickers and by the lists that show a name for a code. Loading is an upsert, so loading the
 * same file again changes nothing and a newer release renames in place.
 */
import type { Pool } from 'pg';
import type { OrgUnit } from '../definitions/shared/orgUnits';

/** Writes `units` (all or none); returns how many were new or changed. */
export async function loadOrgUnits(pool: Pool, units: readonly OrgUnit[]): Promise<number> {
  const { rowCount } = await pool.query(
    `INSERT INTO org_units (code, name_zh, level, parent_code, source, effective_from, public_contact_zh)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[])
     ON CONFLICT (code) DO UPDATE
       SET name_zh = EXCLUDED.name_zh, source = EXCLUDED.source, effective_from = EXCLUDED.effective_from,
           public_contact_zh = EXCLUDED.public_contact_zh, loaded_at = now()
     WHERE (org_units.name_zh, org_units.source, org_units.effective_from, org_units.public_contact_zh)
           IS DISTINCT FROM (EXCLUDED.name_zh, EXCLUDED.source, EXCLUDED.effective_from, EXCLUDED.public_contact_zh)`,
    [
      units.map((u) => u.code),
      units.map((u) => u.nameZh),
      units.map((u) => u.level),
      units.map((u) => u.parentCode),
      units.map((u) => u.source),
      units.map((u) => u.effectiveFrom),
      units.map((u) => u.publicContactZh),
    ]
  );
  return rowCount ?? 0;
}

interface RawUnit {
  code: string;
  name_zh: string;
  level: OrgUnit['level'];
  parent_code: string | null;
  public_contact_zh: string | null;
  source: string;
  effective_from: string;
}

const SELECT_UNIT = `SELECT code, name_zh, level, parent_code, public_contact_zh, source,
                            to_char(effective_from, 'YYYY-MM-DD') AS effective_from
                       FROM org_units`;

const toUnit = (r: RawUnit): OrgUnit => ({
  code: r.code,
  nameZh: r.name_zh,
  level: r.level,
  parentCode: r.parent_code,
  publicContactZh: r.public_contact_zh,
  source: r.source,
  effectiveFrom: r.effective_from,
});

/** The units directly under `parent` in code order; the counties when `parent` is null. */
export async function orgUnitChildren(pool: Pool, parent: string | null): Promise<OrgUnit[]> {
  const { rows } = await pool.query<RawUnit>(
    `${SELECT_UNIT} WHERE ($1::text IS NULL AND level = 'county') OR parent_code = $1 ORDER BY code`,
    [parent]
  );
  return rows.map(toUnit);
}

export async function orgUnitByCode(pool: Pool, code: string): Promise<OrgUnit | undefined> {
  const { rows } = await pool.query<RawUnit>(`${SELECT_UNIT} WHERE code = $1`, [code]);
  return rows[0] ? toUnit(rows[0]) : undefined;
}

/** Names of the codes that have one (a code without a row is left out: callers show the code). */
export async function orgUnitNames(pool: Pool, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const { rows } = await pool.query<{ code: string; name_zh: string }>(
    'SELECT code, name_zh FROM org_units WHERE code = ANY($1::text[])',
    [[...new Set(codes)]]
  );
  return new Map(rows.map((r) => [r.code, r.name_zh]));
}
