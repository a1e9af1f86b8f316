/**
 * The audit sealer's Ed25519 keys as files (docs/security.md, "Audit anchoring"): the private key
 * (PKCS#8 PEM) only the sealer reads, and the public keys (SPKI PEM, one or more blocks: old and
 * new during a rotation) that `audit:verify` trusts. The trusted keys come from here and never from
 * the database, where whoever can edit the audit rows could store a key of their own.
 */
import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { keyIdOf } from '../db/auditSealStatement';

/** The sealer's signing key. Refused when others than its owner may read the file, as ssh does. */
export function loadSigningKey(file: string): KeyObject {
  if (!existsSync(file)) {
    throw new Error(
      `No audit seal key at ${file} (AUDIT_SEAL_KEY_FILE): create one with \`npm run audit:seal -- --generate-key\``
    );
  }
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(
      `The audit seal key ${file} may be read by others (mode ${mode.toString(8)}): run chmod 600 ${file}`
    );
  }
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return key;
}

/** Every public key in the file, by key id. */
export function loadTrustedKeys(file: string): Map<string, KeyObject> {
  if (!existsSync(file)) {
    throw new Error(
      `No trusted audit seal key at ${file} (AUDIT_SEAL_PUBLIC_KEY_FILE): copy the sealer's public key there, ` +
        'or pass --chain-only to check the hash chain alone'
    );
  }
  const blocks = readFileSync(file, 'utf8').match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0) throw new Error(`${file} holds no PEM public key`);
  const keys = new Map<string, KeyObject>();
  for (const block of blocks) {
    const key = createPublicKey(block);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} holds a key that is not Ed25519`);
    keys.set(keyIdOf(key), key);
  }
  return keys;
}

export interface GeneratedKey {
  keyId: string;
  publicKeyPem: string;
}

/**
 * A new key pair: the private key to `privateFile` (mode 0600, in a folder of mode 0700; an existing
 * file is never overwritten), the public key appended to `publicFile`, so that a rotation keeps
 * trusting the old key until it is taken out by hand.
 */
export function generateSealKey(privateFile: string, publicFile: string): GeneratedKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(path.dirname(privateFile), { recursive: true, mode: 0o700 });
  writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  mkdirSync(path.dirname(publicFile), { recursive: true });
  appendFileSync(publicFile, publicKeyPem, { mode: 0o644 });
  return { keyId: keyIdOf(publicKey), publicKeyPem };
}

/**
 * For the local stack (`npm start`): the key pair, generated on first use. Returns the signing key
 * and whether it was generated.
 */
export function ensureSealKey(privateFile: string, publicFile: string): { key: KeyObject; generated: boolean } {
  if (existsSync(privateFile)) {
    const key = loadSigningKey(privateFile);
    if (!existsSync(publicFile) || !loadTrustedKeys(publicFile).has(keyIdOf(key))) {
      appendFileSync(publicFile, createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(), {
        mode: 0o644,
      });
    }
    return { key, generated: false };
  }
  generateSealKey(privateFile, publicFile);
  return { key: loadSigningKey(privateFile), generated: true };
}
