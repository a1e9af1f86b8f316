/**
 * Administrative-division names from a JSON file (definitions/shared/orgUnits.ts for its shape):
 * the demo county's, loaded by `npm start`, or an installation's own (ORG_UNITS_FILE at start, or
 * `npm run org-units -- <file>`). The file is checked whole before anything is written, and a
 * refusal names every wrong field.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OrgUnit } from '../definitions/shared/orgUnits';
import { orgUnitsFileSchema, orgUnitsOf } from '../definitions/shared/orgUnits';

/** The made-up names of the demo county 370999 and the townships and villages its staff work in. */
export const DEMO_ORG_UNITS_FILE = path.join(__dirname, 'demo-org-units.json');

export function readOrgUnitsFile(file: string): OrgUnit[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Org units file ${file} could not be read as JSON / 行政区划文件无法读取: ${reason}`, {
      cause: error,
    });
  }
  const parsed = orgUnitsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  [${i.path.join('.') || '(file)'}] ${i.message}`).join('\n');
    throw new Error(`Org units file ${file} is invalid / 行政区划文件有误:\n${problems}`);
  }
  return orgUnitsOf(parsed.data);
}
