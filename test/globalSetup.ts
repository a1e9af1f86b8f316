/**
 * Prepares what every integration test needs, once per Jest run: a Temporal server (a fresh
 * in-memory dev server, or the cluster in TEMPORAL_ADDRESS), a throw-away PostgreSQL database with
 * the schema applied, the workflow code bundled once instead of once per test file, and a random
 * payload key ring, so every history the tests write is encrypted as production's are. Test files
 * find them through environment variables (see support/environment.ts).
 */
import { ensureConsoleBuilt } from '../scripts/lib/consoleBuild';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';

import { setUpDatabase } from '../db/setUpDatabase';

import { startDevServer } from '../temporal/devServer';
import { keyRingToText, newKeyRing } from '../temporal/payloadKeys';
import { ensureSearchAttributes } from '../temporal/registerSearchAttributes';
import { withStagedVersions } from '../worker/stagedVersions';
import { buildWorkflowBundle } from '../worker/workflowBundle';
import { dropStaleTestDatabases, roleUrls, testDatabaseUrl } from './support/testDatabases';
import type { TestRun } from './support/testRun';
import { releaseTestRun } from './support/testRun';

const log = (message: string): void => console.log(`[test setup] ${message}`);

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const run: TestRun = {
    savedEnv: Object.fromEntries(
      [
        'TEMPORAL_ADDRESS',
        'TEMPORAL_NAMESPACE',
        'DATABASE_URL',
        'DATABASE_OWNER_URL',
        'DATABASE_SEALER_URL',
        'DATABASE_ADMIN_URL',
        'YILIAN_WORKFLOW_BUNDLE',
        'PAYLOAD_KEYS',
      ].map((k) => [k, process.env[k]])
    ),
  };
  globalThis.__yilianTestRun = run;
  // Per run, never stored: a key a test run could leave behind would be one more key to guard.
  process.env.PAYLOAD_KEYS = keyRingToText(newKeyRing(new Date()));
  // Independent and each a few seconds long, so they run side by side.
  // The console is built here, once: browser test files run side by side and must not build web/dist
  // at the same time.
  const results = await Promise.allSettled([
    prepareTemporal(run),
    prepareDatabase(run),
    prepareBundle(run),
    ensureConsoleBuilt(log),
  ]);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) {
    globalThis.__yilianTestRun = undefined;
    await releaseTestRun(run).catch((error: unknown) => log(`clean-up after failed setup: ${String(error)}`));
    throw failures.length === 1 ? failures[0]?.reason : new AggregateError(failures.map((f): unknown => f.reason));
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function prepareTemporal(run: TestRun): Promise<void> {
  const namespace = run.savedEnv.TEMPORAL_NAMESPACE || 'default';
  const external = run.savedEnv.TEMPORAL_ADDRESS;
  if (external) {
    log(`using Temporal at ${external} (TEMPORAL_ADDRESS), namespace ${namespace}`);
    const connection = await Connection.connect({ address: external });
    try {
      const added = await ensureSearchAttributes(connection, namespace);
      if (added.length > 0) log(`registered search attributes ${added.join(', ')}`);
    } finally {
      await connection.close();
    }
    process.env.TEMPORAL_ADDRESS = external;
    process.env.TEMPORAL_NAMESPACE = namespace;
    return;
  }
  // In-memory: nothing to clean up on disk, and every run starts from an empty history.
  run.server = await startDevServer({ headless: true, namespace, build: true, log });
  process.env.TEMPORAL_ADDRESS = run.server.address;
  process.env.TEMPORAL_NAMESPACE = run.server.namespace;
}

/**
 * The run's database as a deployment has it: owned by the owner role, migrated by it, and the test
 * files connect as the app role (DATABASE_URL), which cannot rewrite the audit trail. The owner's,
 * the sealer's and the admin's URLs are there for the few tests that need more (tampering on purpose).
 */
async function prepareDatabase(run: TestRun): Promise<void> {
  const adminUrl = run.savedEnv.DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  await dropStaleTestDatabases(adminUrl, log);
  run.databaseUrl = testDatabaseUrl(adminUrl);
  const urls = roleUrls(run.databaseUrl);
  const report = await setUpDatabase(urls, { log: () => undefined });
  log(`database ${new URL(run.databaseUrl).pathname.slice(1)} with ${report.applied.length} migration(s)`);
  process.env.DATABASE_URL = urls.app;
  process.env.DATABASE_OWNER_URL = urls.owner;
  process.env.DATABASE_SEALER_URL = urls.sealer;
  process.env.DATABASE_ADMIN_URL = urls.admin;
}

async function prepareBundle(run: TestRun): Promise<void> {
  // The workers' own bundle (shared modules and all), with the suite's staged chart versions (a
  // dibao@2 for the migration tests); jest.config.js maps the same module.
  const code = await buildWorkflowBundle({
    webpackConfigHook: withStagedVersions(require.resolve('./support/stagedVersions.ts')),
  });
  run.bundleDir = await mkdtemp(path.join(os.tmpdir(), 'yilian-workflow-bundle-'));
  const file = path.join(run.bundleDir, 'workflows.js');
  await writeFile(file, code);
  process.env.YILIAN_WORKFLOW_BUNDLE = file;
}
