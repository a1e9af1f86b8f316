/**
 * Encrypts every Temporal payload (workflow input and results, activity arguments, updates, signals,
 * queries, memo, failure details) with AES-256-GCM before it leaves the process, so the Temporal
 * server, its database and its Web UI hold no personal data in clear. Search attributes are not
 * payloads the codec sees: they must hold none (workflows/searchAttributes.ts).
 *
 * An encrypted payload says in its metadata that it is (`encoding: binary/encrypted`) and under
 * which key (`encryption-key-id`); its data is IV ‖ ciphertext ‖ tag of the whole original payload,
 * metadata included. New payloads are encrypted with the ring's current key, any key of the ring
 * decrypts, so keys rotate without re-encrypting history. A payload not marked encrypted passes
 * through decode untouched: histories recorded before encryption (test/histories/) still replay.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './payloadKeys';
import { currentKey } from './payloadKeys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const ProtoPayload = temporal.api.common.v1.Payload;

/** A payload encrypted under a key this process does not hold (another deployment's, or one dropped too early). */
export class PayloadKeyUnknown extends Error {
  constructor(readonly keyId: string) {
    super(`Payload encrypted with key ${keyId}, which the payload key ring does not hold`);
  }
}

/** A payload marked encrypted that does not decrypt: altered, truncated, or its key id rewritten. */
export class PayloadUndecryptable extends Error {}

const text = (bytes: Uint8Array | null | undefined): string | undefined =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}

/** Binds the ciphertext to its key id, so a payload relabelled with another id fails authentication. */
const associatedData = (keyId: string): Buffer => Buffer.from(`${ENCRYPTED_ENCODING};${keyId}`, 'utf8');

export function encryptPayload(payload: Payload, ring: KeyRing): Payload {
  const { id, key } = currentKey(ring);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(id));
  const plain = ProtoPayload.encode(payload).finish();
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return {
    metadata: {
      [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING, 'utf8'),
      [KEY_ID_METADATA]: Buffer.from(id, 'utf8'),
    },
    data: sealed,
  };
}

export function decryptPayload(payload: Payload, ring: KeyRing): Payload {
  if (!isEncrypted(payload)) return payload;
  const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
  if (keyId === undefined) throw new PayloadUndecryptable('Encrypted payload without an encryption-key-id');
  const key = ring.keys.get(keyId);
  if (!key) throw new PayloadKeyUnknown(keyId);
  const sealed = Buffer.from(payload.data ?? new Uint8Array());
  if (sealed.length < IV_BYTES + TAG_BYTES)
    throw new PayloadUndecryptable(`Encrypted payload too short (key ${keyId})`);
  const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(keyId));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new PayloadUndecryptable(`Encrypted payload fails authentication under key ${keyId}: altered or truncated`);
  }
  return ProtoPayload.decode(plain);
}

/** The codec the SDK runs on every client and worker (temporal/dataConverter.ts). */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  // Synchronous work, but a failure must reach the SDK as a rejected promise, not a throw.
  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve().then(() => payloads.map((payload) => encryptPayload(payload, this.ring)));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve().then(() => payloads.map((payload) => decryptPayload(payload, this.ring)));
  }
}
