/**
 * The audit sealer as the local stack runs it (`npm start`): a key pair generated under .data/ on
 * first use, a seal at start-up and then every AUDIT_SEAL_INTERVAL_MINUTES, on a pool of the sealer
 * role's own. In production the sealer is a job of its own (`npm run audit:seal`) under an OS user
 * that alone can read the key; docs/security.md says how.
 */
import { ensureSealKey } from '../../config/auditSealKeys';
import { databaseUrls } from '../../config/databaseUrls';
import type { Env } from '../../config/env';
import type { SealResult } from '../../db/auditSealer';
import { sealAuditHeads } from '../../db/auditSealer';
import { createPool } from '../../db/pool';
import { processLogger } from '../../observability/logger';

export function describeSeal(result: SealResult): { info: string[]; refused: string[] } {
  return {
    info: [
      `Sealed ${result.caseCount} case head(s) as seal ${result.sealId} at ${result.sealedAt} ` +
        `(${result.changedCount} new or grown since the last seal; key ${result.keyId})`,
    ],
    refused: result.refused.map((r) => `NOT SEALED ${r.message}`),
  };
}

export interface RunningSealer {
  stop(): Promise<void>;
}

export async function startSealer(env: Env, say: (message: string) => void): Promise<RunningSealer | undefined> {
  if (env.AUDIT_SEAL_INTERVAL_MINUTES === 0) {
    say('audit sealer off (AUDIT_SEAL_INTERVAL_MINUTES=0)');
    return undefined;
  }
  const { key, generated } = ensureSealKey(env.AUDIT_SEAL_KEY_FILE, env.AUDIT_SEAL_PUBLIC_KEY_FILE);
  if (generated)
    say(`created an audit seal key pair: ${env.AUDIT_SEAL_KEY_FILE} (private), ${env.AUDIT_SEAL_PUBLIC_KEY_FILE}`);
  const pool = createPool(databaseUrls(env).sealer, { max: 1, applicationName: 'yilian-audit-seal' });
  let running: Promise<void> = Promise.resolve();
  // Chained, so a seal that outlasts the interval is followed by the next, not overlapped.
  const sealOnce = () => {
    running = running
      .then(() => sealAuditHeads(pool, { privateKey: key }))
      .then(
        (result) => {
          const lines = describeSeal(result);
          for (const line of lines.info) say(line);
          for (const line of lines.refused) processLogger().error(line);
        },
        (error: unknown) => processLogger().error(`audit sealing failed: ${(error as Error).message}`)
      );
  };
  sealOnce();
  await running;
  const timer = setInterval(sealOnce, env.AUDIT_SEAL_INTERVAL_MINUTES * 60_000);
  timer.unref();
  say(`sealing the audit chain heads every ${env.AUDIT_SEAL_INTERVAL_MINUTES} minute(s)`);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await pool.end();
    },
  };
}
