/**
 * The resources one Jest run owns — dev server, throw-away database, workflow bundle — and how to
 * release them. Shared by globalSetup (which must clean up itself when it fails half-way, because
 * Jest then skips globalTeardown) and globalTeardown.
 */
import { rm } from 'node:fs/promises';
import type { DevServer } from '../../temporal/devServer';
import { dropDatabase } from '../../db/ensureDatabase';

export interface TestRun {
  server?: DevServer;
  databaseUrl?: string;
  bundleDir?: string;
  /** The variables globalSetup overwrote, restored afterwards so `jest --watch` reruns start clean. */
  savedEnv: Record<string, string | undefined>;
}

declare global {
  // Jest runs globalSetup and globalTeardown in the same process, so a global carries the handles.
  var __yilianTestRun: TestRun | undefined;
}

export async function releaseTestRun(run: TestRun): Promise<void> {
  const results = await Promise.allSettled([
    run.server?.stop(),
    run.databaseUrl === undefined ? undefined : dropDatabase(run.databaseUrl),
    run.bundleDir === undefined ? undefined : rm(run.bundleDir, { recursive: true, force: true }),
  ]);
  for (const [name, value] of Object.entries(run.savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) {
    throw new AggregateError(
      failures.map((f): unknown => f.reason),
      'Could not release all test resources'
    );
  }
}
