/**
 * `npm run org-units -- <command>`: the administrative-division register from the operator's shell.
 *
 *   load <file.json>        check the file whole, then add or rename its units (safe to run again)
 *   list [--parent <code>]  the units under a code (the counties without one)
 *
 * The file's shape: definitions/shared/orgUnits.ts (config/demo-org-units.json is an example).
 */
import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env';
import { orgUnitChildren } from '../db/orgUnits';
import { orgUnitCodeSchema } from '../definitions/shared/orgUnits';
import { prepareDatabase } from './lib/bootstrap';
import { loadOrgUnitFile } from './lib/orgUnitLoading';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { parent: { type: 'string' } },
  });
  const [command, file] = positionals;
  if (command !== 'load' && command !== 'list') {
    throw new Error('Usage: npm run org-units -- load <file.json> | list [--parent <code>]');
  }
  if (command === 'load' && !file) throw new Error('Usage: npm run org-units -- load <file.json>');
  const parent = values.parent === undefined ? null : orgUnitCodeSchema.parse(values.parent);
  const pool = await prepareDatabase(loadEnv(), { setUp: 'whenNeeded' });
  try {
    if (command === 'load') {
      const { units, written } = await loadOrgUnitFile(pool, file!);
      console.log(`${units} units in ${file}: ${written} new or changed, ${units - written} unchanged`);
      return;
    }
    const children = await orgUnitChildren(pool, parent);
    for (const unit of children) console.log(`${unit.code.padEnd(13)} ${unit.nameZh}  (${unit.source})`);
    console.log(`${children.length} unit(s) under ${parent ?? '(top level)'}`);
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
