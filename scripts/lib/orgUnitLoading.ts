/**
 * Place names at start-up: the demo county's (with the demo staff, DEMO_STAFF) and the
 * installation's own file (ORG_UNITS_FILE), each checked whole and upserted, saying what it did.
 */
import type { Pool } from 'pg';
import type { Env } from '../../config/env';
import { DEMO_ORG_UNITS_FILE, readOrgUnitsFile } from '../../config/orgUnitsFile';
import { loadOrgUnits } from '../../db/orgUnits';
import { say } from './bootstrap';

export async function loadOrgUnitFile(pool: Pool, file: string): Promise<{ units: number; written: number }> {
  const units = readOrgUnitsFile(file);
  return { units: units.length, written: await loadOrgUnits(pool, units) };
}

export async function loadOrgUnitFiles(pool: Pool, env: Pick<Env, 'DEMO_STAFF' | 'ORG_UNITS_FILE'>): Promise<void> {
  const files = [
    ...(env.DEMO_STAFF === 'true' ? [DEMO_ORG_UNITS_FILE] : []),
    ...(env.ORG_UNITS_FILE ? [env.ORG_UNITS_FILE] : []),
  ];
  for (const file of files) {
    const { units, written } = await loadOrgUnitFile(pool, file);
    say(`place names: ${units} units from ${file} (${written} new or changed)`);
  }
}
