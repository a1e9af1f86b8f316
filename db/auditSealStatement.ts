/**
 * What a seal of the audit chain heads says and how it is signed (migrations/025_audit_seals.sql):
 * the digest over the sealed map of case heads, the exact bytes the Ed25519 signature covers, and
 * how a sealed head compares with what the chain holds now. Shared by the sealer and the verifier
 * so that both read a seal the same way.
 *
 * Pure: no I/O (node:crypto only).
 */
import type { KeyObject } from 'node:crypto';
import { createHash, createPublicKey, sign, verify } from 'node:crypto';

export interface SealedHead {
  caseId: string;
  chainPos: number;
  seq: number;
  headHash: Buffer;
}

/** What the signature covers, apart from the digest's inputs. */
export interface SealStatement {
  /** bigint as text. */
  sealId: string;
  /** UTC, `YYYY-MM-DDTHH:MI:SS.ffffffZ`, as PostgreSQL formats it. */
  sealedAt: string;
  keyId: string;
  caseCount: number;
  changedCount: number;
  headsDigest: Buffer;
}

const STATEMENT_VERSION = 'yilian-audit-seal-v1';

/** A netstring, as in the chain's canonical content: no field can be mistaken for a boundary. */
function field(value: string): string {
  return `${Buffer.byteLength(value, 'utf8')}:${value},`;
}

/**
 * sha256 over every sealed head in byte order of the case id (PostgreSQL's `COLLATE "C"`, so the
 * order does not depend on a locale that an OS upgrade may change). Heads must be added in that
 * order; one out of order is an error rather than a different digest.
 */
export class HeadsDigest {
  private readonly hash = createHash('sha256');
  private previous: Buffer | null = null;
  count = 0;

  add(head: SealedHead): void {
    const id = Buffer.from(head.caseId, 'utf8');
    if (this.previous !== null && Buffer.compare(this.previous, id) >= 0) {
      throw new Error(`Sealed heads out of order: ${head.caseId} after ${this.previous.toString('utf8')}`);
    }
    this.previous = id;
    this.count += 1;
    this.hash.update(
      field(head.caseId) + field(String(head.chainPos)) + field(String(head.seq)) + field(head.headHash.toString('hex'))
    );
  }

  digest(): Buffer {
    return this.hash.digest();
  }
}

export function statementBytes(s: SealStatement): Buffer {
  const fields = [
    STATEMENT_VERSION,
    s.sealId,
    s.sealedAt,
    s.keyId,
    String(s.caseCount),
    String(s.changedCount),
    s.headsDigest.toString('hex'),
  ];
  return Buffer.from(fields.map(field).join(''), 'utf8');
}

export function signStatement(s: SealStatement, privateKey: KeyObject): Buffer {
  // Ed25519 hashes internally: the algorithm argument must be null.
  return sign(null, statementBytes(s), privateKey);
}

export function statementSignedBy(s: SealStatement, signature: Buffer, publicKey: KeyObject): boolean {
  return verify(null, statementBytes(s), publicKey, signature);
}

/** sha256 of the public key's SPKI DER, 16 hex digits: names the key in each seal. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** What the chain holds now where a head was sealed. */
export interface ChainNow {
  /** The stored hash at the sealed position, or null when there is no row there. */
  hashAtSealedPos: Buffer | null;
  /** The case's newest chain position, or null when the case has no rows at all. */
  headPos: number | null;
}

export type SealMismatch =
  /** The case has no audit rows any more. */
  | 'vanished'
  /** The chain ends before the sealed head: its newest rows were deleted. */
  | 'truncated'
  /** The row at the sealed position is gone, but later rows are there: rows were deleted from the middle. */
  | 'gap'
  /** The row at the sealed position has another hash: the chain was rewritten (and recomputed). */
  | 'rewritten';

export function compareWithSeal(sealed: SealedHead, now: ChainNow): SealMismatch | null {
  if (now.headPos === null) return 'vanished';
  if (now.hashAtSealedPos === null) return now.headPos < sealed.chainPos ? 'truncated' : 'gap';
  return now.hashAtSealedPos.equals(sealed.headHash) ? null : 'rewritten';
}

/** For people: what a mismatch means, naming the case and the positions. */
export function describeMismatch(sealed: SealedHead, kind: SealMismatch, now: ChainNow): string {
  const at = `chain position ${sealed.chainPos} (seq ${sealed.seq})`;
  switch (kind) {
    case 'vanished':
      return `case ${sealed.caseId}: sealed up to ${at}, but the case has no audit rows now: they were deleted`;
    case 'truncated':
      return `case ${sealed.caseId}: sealed up to ${at}, but the chain now ends at position ${now.headPos}: its newest rows were deleted`;
    case 'gap':
      return `case ${sealed.caseId}: the sealed row at ${at} is missing: rows were deleted`;
    case 'rewritten':
      return (
        `case ${sealed.caseId}: the row at ${at} hashes to ${now.hashAtSealedPos?.toString('hex')}, sealed as ` +
        `${sealed.headHash.toString('hex')}: the chain was rewritten`
      );
  }
}
