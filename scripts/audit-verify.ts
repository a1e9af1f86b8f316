/**
 * `npm run audit:verify [-- --case ID] [--batch 5000] [--max-seal-age MINUTES] [--chain-only]`:
 * checks the audit trail two ways and reports what is wrong, naming the case:
 *   1. the hash chain (migrations/004_audit_hash_chain.sql), recomputed row by row: the first
 *      edited or missing row;
 *   2. the newest seal (migrations/025_audit_seals.sql), signed with a key trusted by
 *      AUDIT_SEAL_PUBLIC_KEY_FILE: a chain rewritten and recomputed, or whose newest rows were
 *      deleted, no longer holds its sealed head. `--max-seal-age` also fails when the newest seal is
 *      older than that (the sealer stopped, or newer seals were deleted).
 * `--chain-only` skips the seal (and says what that leaves unchecked).
 * Exit code 0 when everything verifies, 1 when something does not, 2 when the check could not run.
 * Reads only; migrates nothing, because a verifier must not change the database it judges.
 */
import { parseArgs } from 'node:util';
import { loadTrustedKeys } from '../config/auditSealKeys';
import { loadEnv } from '../config/env';
import type { ChainReport } from '../db/auditChain';
import { verifyAuditChain } from '../db/auditChain';
import type { SealCheckReport, SealProblemKind } from '../db/auditSealCheck';
import { checkNewestSeal } from '../db/auditSealCheck';
import { createPool } from '../db/pool';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      case: { type: 'string' },
      batch: { type: 'string', default: '5000' },
      'max-seal-age': { type: 'string' },
      'chain-only': { type: 'boolean', default: false },
    },
  });
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a positive integer');
  const maxSealAge = values['max-seal-age'] === undefined ? undefined : Number(values['max-seal-age']);
  if (maxSealAge !== undefined && !(maxSealAge > 0))
    throw new Error('--max-seal-age must be a positive number of minutes');
  const env = loadEnv();
  // Read first: a missing key file is a configuration error (exit 2), before any work is done.
  const trustedKeys = values['chain-only'] ? undefined : loadTrustedKeys(env.AUDIT_SEAL_PUBLIC_KEY_FILE);
  const pool = createPool(env.DATABASE_URL, { max: 1, applicationName: 'yilian-audit-verify' });
  try {
    console.log(`Verifying the audit hash chain of ${values.case ? `case ${values.case}` : 'every case'}…`);
    let reported = 0;
    const chain = await verifyAuditChain(pool, {
      caseId: values.case,
      batchSize,
      onProgress: ({ rows, cases }) => {
        if (rows - reported >= 100_000) {
          reported = rows;
          console.log(`  … ${rows} row(s) of ${cases} case(s) verified`);
        }
      },
    });
    const chainOk = reportChain(chain, values.case);
    if (trustedKeys === undefined) {
      console.log(
        'Seals not checked (--chain-only): a chain rewritten with recomputed hashes, or one whose newest rows ' +
          'were deleted, passes this check'
      );
      return chainOk ? 0 : 1;
    }
    const seal = await checkNewestSeal(pool, trustedKeys, { caseId: values.case, batchSize });
    const sealOk = reportSeal(seal, maxSealAge);
    return chainOk && sealOk ? 0 : 1;
  } finally {
    await pool.end();
  }
}

function reportChain(report: ChainReport, caseId: string | undefined): boolean {
  const broken = report.firstBreak;
  if (broken) {
    console.error(
      `BROKEN at case ${broken.caseId}, seq ${broken.seq} (chain position ${broken.chainPos}): ` +
        describe(broken.reason, broken.missingPositions)
    );
    console.error(`  expected hash ${broken.expectedHash}`);
    console.error(`  stored hash   ${broken.storedHash ?? '(none)'}`);
    console.error(`  ${report.rows} row(s) of ${report.cases} case(s) verified before the break`);
    return false;
  }
  if (report.rows === 0 && caseId) {
    console.error(`No audit rows for case ${caseId}`);
    return false;
  }
  console.log(`OK: ${report.rows} row(s) of ${report.cases} case(s) verify`);
  console.log(`Heads digest: ${report.headsDigest}`);
  return true;
}

function reportSeal(report: SealCheckReport, maxAgeMinutes: number | undefined): boolean {
  const seal = report.seal;
  let stale = false;
  if (seal !== null) {
    const ageMinutes = (Date.now() - Date.parse(seal.sealedAt)) / 60_000;
    console.log(
      `Newest seal: ${seal.sealId} of ${seal.sealedAt} (${ageMinutes.toFixed(0)} minute(s) ago), key ${seal.keyId}, ` +
        `${seal.caseCount} case head(s), digest ${seal.headsDigest.toString('hex')}`
    );
    stale = maxAgeMinutes !== undefined && ageMinutes > maxAgeMinutes;
    if (stale) {
      console.error(
        `STALE SEAL: the newest seal is older than ${maxAgeMinutes} minute(s): the sealer has stopped, or newer seals were deleted`
      );
    }
  }
  for (const problem of report.problems)
    console.error(`${problemLabel[problem.kind] ?? 'TAMPERED'} ${problem.message}`);
  if (report.problemCount > report.problems.length) {
    console.error(`  … and ${report.problemCount - report.problems.length} more`);
  }
  if (report.problemCount > 0 || stale) return false;
  console.log(`OK: the seal's signature and all ${report.headsChecked} sealed case head(s) checked match the chain`);
  return true;
}

const problemLabel: Partial<Record<SealProblemKind, string>> = { noSeal: 'NO SEAL:', untrustedKey: 'UNTRUSTED KEY:' };

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
