/**
 * `npm run audit:verify [-- --case ID] [--batch 5000]`: recomputes the audit trail's hash chain
 * (see migrations/004_audit_hash_chain.sql) and reports the first broken row. Exit code 0 when
 * every chain verifies, 1 at a break, 2 when the check could not run. Reads only; migrates nothing,
 * because a verifier must not change the database it judges.
 */
import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env';
import { verifyAuditChain } from '../db/auditChain';
import { createPool } from '../db/pool';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { case: { type: 'string' }, batch: { type: 'string', default: '5000' } },
  });
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a positive integer');
  const env = loadEnv();
  const pool = createPool(env.DATABASE_URL, { max: 1, applicationName: 'yilian-audit-verify' });
  try {
    console.log(`Verifying the audit hash chain of ${values.case ? `case ${values.case}` : 'every case'}…`);
    let reported = 0;
    const report = await verifyAuditChain(pool, {
      caseId: values.case,
      batchSize,
      onProgress: ({ rows, cases }) => {
        if (rows - reported >= 100_000) {
          reported = rows;
          console.log(`  … ${rows} row(s) of ${cases} case(s) verified`);
        }
      },
    });
    const broken = report.firstBreak;
    if (broken) {
      console.error(
        `BROKEN at case ${broken.caseId}, seq ${broken.seq} (chain position ${broken.chainPos}): ` +
          describe(broken.reason, broken.missingPositions)
      );
      console.error(`  expected hash ${broken.expectedHash}`);
      console.error(`  stored hash   ${broken.storedHash ?? '(none)'}`);
      console.error(`  ${report.rows} row(s) of ${report.cases} case(s) verified before the break`);
      return 1;
    }
    if (report.rows === 0 && values.case) {
      console.error(`No audit rows for case ${values.case}`);
      return 1;
    }
    console.log(`OK: ${report.rows} row(s) of ${report.cases} case(s) verify`);
    // Worth recording outside the database: it pins the newest row of every chain checked here.
    console.log(`Heads digest: ${report.headsDigest}`);
    return 0;
  } finally {
    await pool.end();
  }
}

function describe(reason: 'altered' | 'missing', missing?: { from: number; to: number }): string {
  if (reason === 'altered') return 'the row or its predecessor was changed after it was written';
  const range = missing ? (missing.from === missing.to ? `${missing.from}` : `${missing.from}–${missing.to}`) : '';
  return `the row(s) at chain position ${range} before this one are missing (deleted)`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
);
