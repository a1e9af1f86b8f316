/**
 * `tsx scripts/load-registry.ts <dir>`: loads the registry tables that stand in for the
 * departments' systems from the CSV/JSON files in <dir> (one file per source, named after it:
 * banks.csv, civilAffairs.json …; layouts in registries/README.md). Safe to run again.
 */
import { loadEnv } from '../config/env';
import { loadRegistryDirectory } from '../registries/registryLoader';
import { prepareDatabase } from './lib/bootstrap';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('Usage: tsx scripts/load-registry.ts <dir with <source>.csv / <source>.json files>');
  const env = loadEnv();
  const pool = await prepareDatabase(env, { setUp: 'whenNeeded' });
  try {
    console.log(`Loading registry files from ${dir}`);
    const reports = await loadRegistryDirectory(pool, dir);
    for (const r of reports) {
      console.log(`  ${r.sourceId.padEnd(22)} ${r.rows} row(s): ${r.written} written, ${r.unchanged} unchanged`);
    }
    console.log(reports.length > 0 ? 'Done' : 'No .csv or .json files found');
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
