/** `npm run migrate`: creates the database in DATABASE_URL if needed and applies pending migrations. */
import { loadEnv } from '../config/env';
import { ensureDatabase, splitDatabaseUrl } from '../db/ensureDatabase';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';

async function main(): Promise<void> {
  const env = loadEnv();
  const { database } = splitDatabaseUrl(env.DATABASE_URL);
  const created = await ensureDatabase(env.DATABASE_URL);
  console.log(created ? `Created database ${database}` : `Database ${database} exists`);
  const pool = createPool(env.DATABASE_URL, { max: 1, applicationName: 'yilian-migrate' });
  try {
    const applied = await migrate(pool, { log: console.log });
    console.log(applied.length > 0 ? `Applied ${applied.length} migration(s)` : 'Schema is up to date');
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
