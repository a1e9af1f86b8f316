/**
 * `tsx scripts/seed-registry.ts [--seed 42] [--households 24] [--date 2026-12-01] [--out .data/demo-households]
 *  [--village 370999001001]`: generates reproducible demo households (same seed, same data), writes
 * their department records into the registry tables, and writes one application form per household
 * (JSON, ready for POST /api/applications) plus an index saying what each household is meant to show.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env';
import { demoOrgs, generateRegistry, writeGeneratedRegistry } from '../registries/generator';
import { prepareDatabase } from './lib/bootstrap';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '42' },
      households: { type: 'string', default: '24' },
      date: { type: 'string', default: '2026-12-01' },
      out: { type: 'string', default: '.data/demo-households' },
      village: { type: 'string', default: demoOrgs.village },
    },
  });
  const village = values.village;
  if (!/^\d{12}$/.test(village)) throw new Error('--village must be a 12-digit village code');
  const orgs = { county: village.slice(0, 6), township: village.slice(0, 9), village };
  const data = generateRegistry({
    seed: Number(values.seed),
    households: Number(values.households),
    onDate: values.date,
    orgs,
  });
  console.log(`Generated ${data.households.length} households for village ${village} (seed ${data.seed})`);

  const env = loadEnv();
  const pool = await prepareDatabase(env, { setUp: 'whenNeeded' });
  try {
    const reports = await writeGeneratedRegistry(pool, data);
    const written = reports.reduce((acc, r) => acc + r.written, 0);
    const rows = reports.reduce((acc, r) => acc + r.rows, 0);
    console.log(`Registry tables: ${rows} record(s), ${written} written, ${rows - written} already there`);
  } finally {
    await pool.end();
  }

  await mkdir(values.out, { recursive: true });
  const index = [];
  for (const household of data.households) {
    const file = `household-${String(household.index + 1).padStart(3, '0')}.json`;
    await writeFile(path.join(values.out, file), `${JSON.stringify(household.application, null, 2)}\n`);
    index.push({ file, profile: household.profile, applicant: household.application.applicant.name });
  }
  await writeFile(path.join(values.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  console.log(`Application forms in ${values.out}/ (index.json lists each household's profile)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
