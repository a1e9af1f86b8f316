/**
 * The key ring that encrypts Temporal payloads (temporal/payloadCodec.ts): named AES-256 keys and
 * which one encrypts new payloads. Old keys stay in the ring after a rotation so that histories
 * written under them still decrypt. Its text form, the same in PAYLOAD_KEYS and in PAYLOAD_KEY_FILE:
 *
 *   { "current": "k20261203", "keys": { "k20260601": "<base64 of 32 bytes>", "k20261203": "…" } }
 *
 * Pure: parsing, checking and rotating in memory. Reading and writing key files is
 * temporal/payloadKeyFile.ts; where keys come from at start-up is scripts/lib/bootstrap.ts.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const KEY_BYTES = 32;

/** Travels in every encrypted payload's metadata, so it is kept short and plain. */
export const keyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a key id is 1-64 letters, digits, ".", "_" or "-", starting alnum');

// Standard or URL-safe alphabet, padded or not: what `openssl rand -base64 32` and Buffer both write.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

const keyMaterialSchema = z.string().transform((text, ctx): Buffer => {
  const bytes = BASE64.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (bytes.length !== KEY_BYTES) {
    // Never echo the value: it is (or is meant to be) a secret.
    ctx.addIssue({
      code: 'custom',
      message: `must be base64 of exactly ${KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`), got ${bytes.length} bytes`,
    });
    return z.NEVER;
  }
  return bytes;
});

export const keyRingSchema = z
  .strictObject({
    current: keyIdSchema,
    keys: z.record(keyIdSchema, keyMaterialSchema),
  })
  .refine((ring) => Object.hasOwn(ring.keys, ring.current), {
    path: ['current'],
    message: 'names no key in "keys": add that key, or name one of those listed',
  })
  // A Map, so that a key id read from a payload (`constructor`, `toString`) never finds an inherited property.
  .transform((ring) => ({ current: ring.current, keys: new Map(Object.entries(ring.keys)) }));

export type KeyRing = z.output<typeof keyRingSchema>;

/** JSON text → the key ring's input, with a parse error stated as a zod issue (so callers report one way). */
export const keyRingTextSchema = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON (expected {"current": "...", "keys": {...}})' });
      return z.NEVER;
    }
  })
  .pipe(keyRingSchema);

export class KeyRingInvalid extends Error {}

/** Parses a key ring's text; `source` names where it came from in the error (a file, a variable). */
export function parseKeyRing(text: string, source: string): KeyRing {
  const result = keyRingTextSchema.safeParse(text);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(whole)'}: ${issue.message}`);
  throw new KeyRingInvalid(`Invalid payload key ring in ${source}:\n${problems.join('\n')}`);
}

/** The key that encrypts new payloads. */
export function currentKey(ring: KeyRing): { id: string; key: Buffer } {
  const key = ring.keys.get(ring.current);
  // The schema guarantees it; a ring built by hand could break it.
  if (!key) throw new KeyRingInvalid(`The payload key ring names current key ${ring.current} but does not hold it`);
  return { id: ring.current, key };
}

/** A fresh key id: the day, and a random part so that two rotations on one day do not collide. */
export function newKeyId(now: Date): string {
  return `k${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
}

export function newKeyMaterial(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * `key` joins the ring under `id`, for decryption only: a deployment adds a key to every process
 * first and makes it current afterwards, so no process meets a payload under a key it lacks. A
 * ring that does not exist yet starts with it as its current key.
 */
export function withAddedKey(ring: KeyRing | undefined, id: string, key: Buffer): KeyRing {
  keyIdSchema.parse(id);
  if (key.length !== KEY_BYTES) throw new KeyRingInvalid(`A payload key must be ${KEY_BYTES} bytes`);
  if (ring?.keys.has(id)) throw new KeyRingInvalid(`The key ring already holds a key ${id}`);
  return { current: ring?.current ?? id, keys: new Map([...(ring?.keys ?? []), [id, key]]) };
}

/** The ring with `id`, which it must hold, encrypting from now on; the other keys stay for decryption. */
export function withCurrentKey(ring: KeyRing, id: string): KeyRing {
  if (!ring.keys.has(id)) {
    throw new KeyRingInvalid(`The key ring holds no key ${id} (it holds ${[...ring.keys.keys()].join(', ')})`);
  }
  return { current: id, keys: ring.keys };
}

/** A new ring with one key, for a first deployment, a test run or a local development server. */
export function newKeyRing(now: Date): KeyRing {
  return withAddedKey(undefined, newKeyId(now), newKeyMaterial());
}

/** The text form parseKeyRing reads. */
export function keyRingToText(ring: KeyRing): string {
  const keys = Object.fromEntries([...ring.keys].map(([id, key]) => [id, key.toString('base64')]));
  return `${JSON.stringify({ current: ring.current, keys }, null, 2)}\n`;
}
