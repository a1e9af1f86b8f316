/** Releases what globalSetup prepared: stops the dev server, drops the test database, deletes the bundle. */
import { releaseTestRun } from './support/testRun';

export default async function globalTeardown(): Promise<void> {
  const run = globalThis.__yilianTestRun;
  globalThis.__yilianTestRun = undefined;
  if (run !== undefined) await releaseTestRun(run);
}
