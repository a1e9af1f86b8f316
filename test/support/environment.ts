/**
 * What globalSetup prepared for this run, as test files see it. Jest runs test files in worker
 * processes that share nothing with globalSetup but the environment variables they inherit.
 */
import { randomUUID } from 'node:crypto';
import type { DataConverter } from '@temporalio/common';
import { temporalDataConverter } from '../../temporal/dataConverter';
import type { KeyRing } from '../../temporal/payloadKeys';
import { parseKeyRing } from '../../temporal/payloadKeys';

export interface TestEnvironment {
  temporalAddress: string;
  namespace: string;
  /** The app role on the run's database: what the API and the worker connect as. */
  databaseUrl: string;
  /** The owner role: migrations, and tests that change the schema (a constraint that refuses writes). */
  ownerDatabaseUrl: string;
  sealerDatabaseUrl: string;
  /** A superuser on the server's maintenance database: for scratch databases of a test's own. */
  adminUrl: string;
  /**
   * Pre-built workflow bundle, so each test file does not spend seconds running webpack again; built
   * with the failure converter of `dataConverter`.
   */
  workflowBundlePath: string;
  /** The run's own random payload key ring (PAYLOAD_KEYS): every test client and worker encrypts with it. */
  payloadKeys: KeyRing;
  /** What every client and worker a test creates must be given, as production's are. */
  dataConverter: DataConverter;
}

export function testEnvironment(): TestEnvironment {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value) {
      throw new Error(`${name} is not set: run the tests through Jest (npm test) so test/globalSetup.ts prepares them`);
    }
    return value;
  };
  const payloadKeys = parseKeyRing(read('PAYLOAD_KEYS'), 'PAYLOAD_KEYS');
  return {
    temporalAddress: read('TEMPORAL_ADDRESS'),
    namespace: read('TEMPORAL_NAMESPACE'),
    databaseUrl: read('DATABASE_URL'),
    ownerDatabaseUrl: read('DATABASE_OWNER_URL'),
    sealerDatabaseUrl: read('DATABASE_SEALER_URL'),
    adminUrl: read('DATABASE_ADMIN_URL'),
    workflowBundlePath: read('YILIAN_WORKFLOW_BUNDLE'),
    payloadKeys,
    dataConverter: temporalDataConverter(payloadKeys),
  };
}

/** A task queue no other test (or earlier run against the same server) polls. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
