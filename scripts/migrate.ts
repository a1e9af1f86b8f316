/**
 * `npm run migrate`: creates the database roles and the database (as DATABASE_ADMIN_URL, when it can
 * log in), applies pending migrations as the owner role (DATABASE_OWNER_URL) and grants the app and
 * the sealer their privileges. The deployment step that needs the owner's credentials, so the API
 * and the worker do not (docs/security.md, "Database roles").
 */
import { loadEnv } from '../config/env';
import { prepareDatabase } from './lib/bootstrap';

async function main(): Promise<void> {
  const pool = await prepareDatabase(loadEnv(), { setUp: 'always' });
  await pool.end();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
