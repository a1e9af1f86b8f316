/**
 * Payload key rings on disk (the format is temporal/payloadKeys.ts): read one named by
 * PAYLOAD_KEY_FILE, write one readable by its owner only, create one where there is none yet.
 * Files only; the keys never pass through a log.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyRing } from './payloadKeys';
import { keyRingToText, newKeyRing, parseKeyRing } from './payloadKeys';

const OWNER_ONLY = 0o600;

export function readKeyRingFile(file: string, warn: (message: string) => void = () => undefined): KeyRing {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `Payload key file ${file} does not exist: create it with \`npm run payload-keys -- init --file ${file}\` (docs/security.md)`
        : `Cannot read payload key file ${file}: ${code ?? String(error)}`,
      { cause: error }
    );
  }
  // Mounted secrets are often 0644 inside a container that only the app runs in: a warning, not a refusal.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warn(`payload key file ${file} is readable by other users: chmod 600 it`);
  }
  return parseKeyRing(text, file);
}

/** Replaces the file in one step (write aside, rename), so a crash never leaves half a key ring. */
export function writeKeyRingFile(file: string, ring: KeyRing): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, keyRingToText(ring), { mode: OWNER_ONLY, flag: 'w' });
  // The mode option applies only to a new file, and the umask may narrow it; say it outright.
  chmodSync(aside, OWNER_ONLY);
  renameSync(aside, file);
}

/** Creates `file` with a fresh ring unless it exists; true when it created it. */
function createKeyRingFile(file: string, now: Date): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, keyRingToText(newKeyRing(now)), { mode: OWNER_ONLY, flag: 'wx' });
  } catch (error) {
    // Another process (a second script started at the same moment) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  chmodSync(file, OWNER_ONLY);
  return true;
}

/**
 * The ring in `file`, created there first (owner-only) if there is none: for the local dev server,
 * and for a first deployment's one-shot set-up (docker compose). `created` says which, so the caller
 * can tell the person where the new key is.
 */
export function ensureKeyRingFile(
  file: string,
  warn: (message: string) => void,
  now: Date = new Date()
): { ring: KeyRing; created: boolean } {
  const created = createKeyRingFile(file, now);
  return { ring: readKeyRingFile(file, warn), created };
}
