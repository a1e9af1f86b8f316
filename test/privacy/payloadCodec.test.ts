/**
 * The payload codec and its key ring, without a server: what an encrypted payload looks like, that
 * rotation keeps old payloads readable, that an altered or foreign payload is refused rather than
 * misread, that a payload recorded in clear passes through, and where keys come from at start-up.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { loadEnv, temporalUiOrigins } from '../../config/env';
import { localPayloadKeyFile, payloadKeysFor } from '../../scripts/lib/bootstrap';
import {
  EncryptionCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadKeyUnknown,
  PayloadUndecryptable,
} from '../../temporal/payloadCodec';
import { ensureKeyRingFile } from '../../temporal/payloadKeyFile';
import { configureProcessLogger } from '../../observability/logger';
import type { KeyRing } from '../../temporal/payloadKeys';
import {
  keyRingToText,
  newKeyMaterial,
  newKeyRing,
  parseKeyRing,
  withAddedKey,
  withCurrentKey,
} from '../../temporal/payloadKeys';

const person = { name: '欧阳保密', idNumber: '379901196504127136', phone: '13912345678' };
const plain = (): Payload => defaultPayloadConverter.toPayload(person);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const ringOf = (id: string): KeyRing => withAddedKey(undefined, id, newKeyMaterial());

async function encodeOne(ring: KeyRing, payload: Payload = plain()): Promise<Payload> {
  const [encoded] = await new EncryptionCodec(ring).encode([payload]);
  return encoded!;
}

async function decodeOne(ring: KeyRing, payload: Payload): Promise<Payload> {
  const [decoded] = await new EncryptionCodec(ring).decode([payload]);
  return decoded!;
}

describe('payload codec / encryption', () => {
  it('round-trips a payload, metadata and all', async () => {
    const ring = ringOf('k1');
    const decoded = await decodeOne(ring, await encodeOne(ring));
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(person);
    expect(text(decoded.metadata?.encoding)).toBe('json/plain');
  });

  it('says in the metadata that it is encrypted and under which key, and holds nothing in clear', async () => {
    const encoded = await encodeOne(ringOf('k1'));
    expect(Object.keys(encoded.metadata ?? {}).sort()).toEqual(['encoding', KEY_ID_METADATA]);
    expect(text(encoded.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded.metadata?.[KEY_ID_METADATA])).toBe('k1');
    const data = Buffer.from(encoded.data!);
    for (const value of [...Object.values(person), 'json/plain']) expect(data.includes(value)).toBe(false);
  });

  it('never writes the same ciphertext twice (a fresh IV each time)', async () => {
    const ring = ringOf('k1');
    const [a, b] = await Promise.all([encodeOne(ring), encodeOne(ring)]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('passes a payload that is not marked encrypted through untouched (histories recorded in clear)', async () => {
    const payload = plain();
    expect(await decodeOne(ringOf('k1'), payload)).toBe(payload);
  });

  describe('key rotation', () => {
    const before = ringOf('k2025');
    const after = withCurrentKey(withAddedKey(before, 'k2026', newKeyMaterial()), 'k2026');

    it('encrypts with the new current key and still decrypts what the old key encrypted', async () => {
      const old = await encodeOne(before);
      const fresh = await encodeOne(after);
      expect(text(fresh.metadata?.[KEY_ID_METADATA])).toBe('k2026');
      expect(defaultPayloadConverter.fromPayload(await decodeOne(after, old))).toEqual(person);
      expect(defaultPayloadConverter.fromPayload(await decodeOne(after, fresh))).toEqual(person);
    });

    it('a key added but not yet current decrypts and does not encrypt', async () => {
      const staged = withAddedKey(before, 'k2026', after.keys.get('k2026')!);
      expect(text((await encodeOne(staged)).metadata?.[KEY_ID_METADATA])).toBe('k2025');
      expect(defaultPayloadConverter.fromPayload(await decodeOne(staged, await encodeOne(after)))).toEqual(person);
    });

    it('refuses a payload under a key the ring does not hold, naming the key id', async () => {
      const refused = await decodeOne(before, await encodeOne(after)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(PayloadKeyUnknown);
      expect((refused as PayloadKeyUnknown).keyId).toBe('k2026');
    });

    it('does not take a key id that only an inherited property of an object would answer to', async () => {
      const encoded = await encodeOne(ringOf('constructor'));
      await expect(decodeOne(ringOf('k1'), encoded)).rejects.toBeInstanceOf(PayloadKeyUnknown);
    });
  });

  describe('tampering', () => {
    const ring = withAddedKey(ringOf('k1'), 'k2', newKeyMaterial());
    const altered = (payload: Payload, change: (data: Buffer) => Buffer): Payload => ({
      ...payload,
      data: change(Buffer.from(payload.data!)),
    });

    it.each([
      ['a flipped ciphertext bit', (d: Buffer) => Buffer.from(d.map((b, i) => (i === 20 ? b ^ 1 : b)))],
      ['a flipped tag bit', (d: Buffer) => Buffer.from(d.map((b, i) => (i === d.length - 1 ? b ^ 1 : b)))],
      ['a truncated payload', (d: Buffer) => d.subarray(0, d.length - 5)],
      ['a payload shorter than IV and tag', (d: Buffer) => d.subarray(0, 10)],
    ])('refuses %s', async (_what, change) => {
      const encoded = await encodeOne(ring);
      await expect(decodeOne(ring, altered(encoded, change))).rejects.toBeInstanceOf(PayloadUndecryptable);
    });

    it('refuses a payload relabelled with another key id of the ring', async () => {
      const encoded = await encodeOne(ring);
      const relabelled = { ...encoded, metadata: { ...encoded.metadata, [KEY_ID_METADATA]: Buffer.from('k2') } };
      await expect(decodeOne(ring, relabelled)).rejects.toBeInstanceOf(PayloadUndecryptable);
    });

    it('refuses an encrypted payload without a key id', async () => {
      const encoded = await encodeOne(ring);
      const unnamed = { ...encoded, metadata: { encoding: encoded.metadata!.encoding! } };
      await expect(decodeOne(ring, unnamed)).rejects.toBeInstanceOf(PayloadUndecryptable);
    });
  });
});

describe('payload key ring / its text form', () => {
  const key = newKeyMaterial().toString('base64');

  it('reads back what it writes', () => {
    const ring = withAddedKey(newKeyRing(new Date('2026-12-03T00:00:00Z')), 'k2', newKeyMaterial());
    const again = parseKeyRing(keyRingToText(ring), 'test');
    expect(again.current).toBe(ring.current);
    expect([...again.keys.keys()]).toEqual([...ring.keys.keys()]);
    expect(again.keys.get('k2')!.equals(ring.keys.get('k2')!)).toBe(true);
    expect(ring.current).toMatch(/^k20261203-[0-9a-f]{6}$/);
  });

  it.each([
    ['not JSON', 'current: k1', /\(whole\): is not valid JSON/],
    [
      'a key of the wrong length',
      JSON.stringify({ current: 'k1', keys: { k1: 'c2hvcnQ=' } }),
      /keys\.k1: .*got 5 bytes/,
    ],
    ['a key that is not base64', JSON.stringify({ current: 'k1', keys: { k1: '!!!' } }), /keys\.k1: must be base64/],
    ['a current key it does not hold', JSON.stringify({ current: 'k9', keys: { k1: key } }), /current: names no key/],
    ['a key id with a space', JSON.stringify({ current: 'k 1', keys: { 'k 1': key } }), /a key id is/],
    ['an unknown field', JSON.stringify({ current: 'k1', keys: { k1: key }, note: 'x' }), /note/],
  ])('refuses %s, saying where', (_what, input, problem) => {
    expect(() => parseKeyRing(input, 'PAYLOAD_KEYS')).toThrow(problem);
  });

  it('never puts key material in an error', () => {
    const wrong = Buffer.alloc(31, 7).toString('base64');
    expect(() => parseKeyRing(JSON.stringify({ current: 'k1', keys: { k1: wrong } }), 'x')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(wrong) })
    );
  });
});

describe('payload keys / configuration at start-up', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-keys-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const ringText = keyRingToText(newKeyRing(new Date()));

  it('reads PAYLOAD_KEYS, hiding its value in a start-up error', () => {
    expect(loadEnv({ PAYLOAD_KEYS: ringText }).PAYLOAD_KEYS?.keys.size).toBe(1);
    const secret = Buffer.alloc(16, 1).toString('base64');
    const bad = JSON.stringify({ current: 'k1', keys: { k1: secret } });
    expect(() => loadEnv({ PAYLOAD_KEYS: bad })).toThrow(/PAYLOAD_KEYS=\(hidden\) at keys\.k1: must be base64/);
    expect(() => loadEnv({ PAYLOAD_KEYS: bad })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) })
    );
  });

  it('refuses PAYLOAD_KEYS and PAYLOAD_KEY_FILE together', () => {
    expect(() => loadEnv({ PAYLOAD_KEYS: ringText, PAYLOAD_KEY_FILE: '/etc/keys.json' })).toThrow(
      /PAYLOAD_KEY_FILE=.*not both/
    );
  });

  it('takes PAYLOAD_KEYS, else PAYLOAD_KEY_FILE', async () => {
    const file = path.join(dir, 'keys.json');
    await writeFile(file, ringText, { mode: 0o600 });
    const fromFile = payloadKeysFor(loadEnv({ PAYLOAD_KEY_FILE: file, TEMPORAL_ADDRESS: 'temporal:7233' }));
    expect(fromFile.current).toBe(parseKeyRing(ringText, 'x').current);
    const other = keyRingToText(ringOf('k-env'));
    expect(payloadKeysFor(loadEnv({ PAYLOAD_KEYS: other, TEMPORAL_ADDRESS: 'temporal:7233' })).current).toBe('k-env');
  });

  it('stops a process pointed at a cluster with no key configured, saying what to set', () => {
    expect(() => payloadKeysFor(loadEnv({ TEMPORAL_ADDRESS: 'temporal:7233' }))).toThrow(
      /no payload encryption key is configured: set PAYLOAD_KEY_FILE/
    );
  });

  it('names a missing key file and how to create it', () => {
    const file = path.join(dir, 'missing.json');
    expect(() => payloadKeysFor(loadEnv({ PAYLOAD_KEY_FILE: file }))).toThrow(/does not exist: create it with/);
  });

  it('gives the local dev server a key of its own beside its state, once, readable by its owner only', async () => {
    const env = loadEnv({ TEMPORAL_DB_FILE: path.join(dir, 'state', 'temporal.sqlite') });
    const file = localPayloadKeyFile(env);
    expect(file).toBe(path.join(dir, 'state', 'payload-keys.json'));
    // What the process says goes to its logger (observability/logger.ts): read here as JSON lines.
    const said: string[] = [];
    configureProcessLogger({
      level: 'info',
      format: 'json',
      destination: { write: (line: string) => said.push(line) },
    });
    const first = payloadKeysFor(env);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(payloadKeysFor(env).current).toBe(first.current);
    expect(said.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      expect.stringMatching(/created a payload encryption key for the local Temporal dev server in .* \(mode 600\)/),
    ]);
    const again = ensureKeyRingFile(file, () => undefined);
    expect(again).toMatchObject({ created: false, ring: { current: first.current } });
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('current', first.current);
  });

  it('allows the local Temporal UI by default and the configured origins otherwise', () => {
    expect(temporalUiOrigins(loadEnv({ TEMPORAL_UI_PORT: '9233' }))).toEqual([
      'http://127.0.0.1:9233',
      'http://localhost:9233',
    ]);
    expect(
      temporalUiOrigins(loadEnv({ TEMPORAL_UI_ORIGINS: 'https://temporal.example.org, http://10.0.0.5:8080' }))
    ).toEqual(['https://temporal.example.org', 'http://10.0.0.5:8080']);
    expect(() => loadEnv({ TEMPORAL_UI_ORIGINS: 'https://temporal.example.org/ui' })).toThrow(/is not an origin/);
  });
});
