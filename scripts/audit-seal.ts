/**
 * `npm run audit:seal`: seals the audit chain heads once (db/auditSealer.ts), signed with the key in
 * AUDIT_SEAL_KEY_FILE, written as the sealer role (DATABASE_SEALER_URL). Meant to run as a job of
 * its own (cron, a systemd timer) under an OS user that alone can read the key.
 *
 *   npm run audit:seal -- --every 15    seal every 15 minutes until stopped
 *   npm run audit:seal -- --generate-key
 *                                       create a key pair: the private key in AUDIT_SEAL_KEY_FILE
 *                                       (which must not exist yet), the public key appended to
 *                                       AUDIT_SEAL_PUBLIC_KEY_FILE and printed, for the verifiers
 *
 * Exit code 0 when sealed, 1 when some case was left at its old sealed head because its chain does
 * not extend it (each is printed), 2 when sealing could not run.
 */
import { parseArgs } from 'node:util';
import { generateSealKey, loadSigningKey } from '../config/auditSealKeys';
import { databaseUrls } from '../config/databaseUrls';
import { loadEnv } from '../config/env';
import { sealAuditHeads } from '../db/auditSealer';
import { createPool } from '../db/pool';
import { describeSeal } from './lib/auditSealing';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { every: { type: 'string' }, 'generate-key': { type: 'boolean', default: false } },
  });
  const env = loadEnv();
  if (values['generate-key']) {
    const { keyId, publicKeyPem } = generateSealKey(env.AUDIT_SEAL_KEY_FILE, env.AUDIT_SEAL_PUBLIC_KEY_FILE);
    console.log(`Created audit seal key ${keyId}: private key ${env.AUDIT_SEAL_KEY_FILE} (mode 0600)`);
    console.log(`Public key, appended to ${env.AUDIT_SEAL_PUBLIC_KEY_FILE}; give it to whoever runs audit:verify:`);
    console.log(publicKeyPem.trimEnd());
    return 0;
  }
  const everyMinutes = values.every === undefined ? undefined : Number(values.every);
  if (everyMinutes !== undefined && !(everyMinutes > 0))
    throw new Error('--every must be a positive number of minutes');
  const privateKey = loadSigningKey(env.AUDIT_SEAL_KEY_FILE);
  const pool = createPool(databaseUrls(env).sealer, { max: 1, applicationName: 'yilian-audit-seal' });
  try {
    const sealOnce = async (): Promise<number> => {
      const result = await sealAuditHeads(pool, { privateKey });
      const lines = describeSeal(result);
      for (const line of lines.info) console.log(line);
      for (const line of lines.refused) console.error(line);
      return result.refused.length > 0 ? 1 : 0;
    };
    if (everyMinutes === undefined) return await sealOnce();
    console.log(`Sealing every ${everyMinutes} minute(s); Ctrl-C stops`);
    for (;;) {
      await sealOnce().catch((error: unknown) => console.error(`Sealing failed: ${(error as Error).message}`));
      const stopped = await sleepUnlessStopped(everyMinutes * 60_000);
      if (stopped) return 0;
    }
  } finally {
    await pool.end();
  }
}

/** Resolves true at SIGINT/SIGTERM, false when the time is up. */
function sleepUnlessStopped(ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(false);
    }, ms);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
);
