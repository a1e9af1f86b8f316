/**
 * Checks the audit trail against its newest seal: the seal is signed by a trusted key (from
 * configuration, never from the database, where whoever edits the rows could put a key of their
 * own), the sealed map of case heads is the one it signed, and every case's chain still holds its
 * sealed head. Together with the hash chain check (db/auditChain.ts), which verifies every row
 * from the first, rows added after the seal are verified from the sealed head on.
 *
 * Needs only SELECT on case_events and the seal tables: the app role may run it.
 */
import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { compareWithSeal, describeMismatch, HeadsDigest, statementSignedBy } from './auditSealStatement';
import type { SealMismatch } from './auditSealStatement';
import type { StoredSeal } from './auditSealStore';
import { chainNow, forEachSealedHead, newestSeal } from './auditSealStore';

export type SealProblemKind =
  | 'noSeal'
  /** Signed with a key the configuration does not trust. */
  | 'untrustedKey'
  /** Not signed by the key it names: a forged or edited seal. */
  | 'badSignature'
  /** The heads stored for the seal are not the ones it signed. */
  | 'headsAltered'
  | SealMismatch;

export interface SealProblem {
  kind: SealProblemKind;
  caseId?: string;
  message: string;
}

export interface SealCheckReport {
  seal: Omit<StoredSeal, 'signature'> | null;
  /** Sealed heads compared with the chain. */
  headsChecked: number;
  /** Every problem found (each case once); `problems` lists the first `maxProblems`. */
  problemCount: number;
  problems: SealProblem[];
}

export interface SealCheckOptions {
  /** Compare only this case's sealed head (the seal itself is still checked in full). */
  caseId?: string;
  batchSize?: number;
  maxProblems?: number;
}

/** `trustedKeys` by key id (config/auditSealKeys.ts). */
export async function checkNewestSeal(
  pool: Pool,
  trustedKeys: ReadonlyMap<string, KeyObject>,
  options: SealCheckOptions = {}
): Promise<SealCheckReport> {
  const maxProblems = options.maxProblems ?? 20;
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const seal = await newestSeal(client);
    const report: SealCheckReport = { seal: null, headsChecked: 0, problemCount: 0, problems: [] };
    const add = (problem: SealProblem) => {
      report.problemCount += 1;
      if (report.problems.length < maxProblems) report.problems.push(problem);
    };
    if (seal === null) {
      add({
        kind: 'noSeal',
        message:
          'no seal in audit_seals: run the sealer (npm run audit:seal); if it has run before, the seals were deleted',
      });
      return report;
    }
    const { signature, ...described } = seal;
    report.seal = described;
    const key = trustedKeys.get(seal.keyId);
    if (key === undefined) {
      add({
        kind: 'untrustedKey',
        message: `seal ${seal.sealId} is signed with key ${seal.keyId}, which is not trusted`,
      });
      return report;
    }
    if (!statementSignedBy(seal, signature, key)) {
      add({
        kind: 'badSignature',
        message: `seal ${seal.sealId}: the signature does not match its content: the seal was forged or edited`,
      });
      return report;
    }

    const digest = new HeadsDigest();
    await forEachSealedHead(client, seal.sealId, options.batchSize ?? 5_000, async (heads) => {
      for (const head of heads) digest.add(head);
      const compared = options.caseId === undefined ? heads : heads.filter((h) => h.caseId === options.caseId);
      const now = await chainNow(client, compared);
      compared.forEach((head, i) => {
        const found = now[i] ?? { hashAtSealedPos: null, headPos: null };
        const kind = compareWithSeal(head, found);
        if (kind !== null) add({ kind, caseId: head.caseId, message: describeMismatch(head, kind, found) });
      });
      report.headsChecked += compared.length;
    });
    if (digest.count !== seal.caseCount || !digest.digest().equals(seal.headsDigest)) {
      add({
        kind: 'headsAltered',
        message:
          `seal ${seal.sealId}: the stored case heads (${digest.count}) are not the ${seal.caseCount} it signed: ` +
          'rows of audit_seal_heads were changed or deleted',
      });
    }
    return report;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
