/**
 * A role's password as PostgreSQL stores it for SCRAM-SHA-256 (RFC 5802 / 7677), computed here so
 * that `ALTER ROLE … PASSWORD` sends the verifier, never the password: the statement may end up in
 * the server's log (log_statement, an error's STATEMENT line), the verifier is useless to a reader.
 *
 * Pure: no I/O.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's own default (scram_iterations, PG 16). */
const ITERATIONS = 4096;
const SALT_BYTES = 16;

/**
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. PostgreSQL runs a password through
 * SASLprep before hashing; for printable ASCII that changes nothing, and other characters are refused
 * here rather than hashed in a way the server might not reproduce.
 */
export function scramSha256Verifier(
  password: string,
  salt: Buffer = randomBytes(SALT_BYTES),
  iterations = ITERATIONS
): string {
  if (!/^[\x20-\x7e]+$/.test(password)) {
    throw new Error('A database role password must be printable ASCII (letters, digits, punctuation)');
  }
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
