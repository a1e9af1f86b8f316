/**
 * Manages the payload key ring file (PAYLOAD_KEY_FILE) without ever printing key material:
 *   npm run payload-keys -- list   --file <path>   key ids, and which one encrypts
 *   npm run payload-keys -- init   --file <path>   a first ring (mode 600) unless the file exists: safe to repeat
 *   npm run payload-keys -- add    --file <path>   a new random key, for decryption only (creates the file, mode 600)
 *   npm run payload-keys -- use    --file <path> --id <key id>   that key encrypts from now on
 *   npm run payload-keys -- rotate --file <path>   add and use at once: for a single process (npm start)
 * Old keys stay in the ring, so histories written under them still decrypt. With several processes,
 * `add`, roll the file out to all of them, then `use` and roll out again: a process never meets a
 * payload under a key it does not hold yet. See docs/security.md, "Payload encryption and key management".
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureKeyRingFile, readKeyRingFile, writeKeyRingFile } from '../temporal/payloadKeyFile';
import type { KeyRing } from '../temporal/payloadKeys';
import { newKeyId, newKeyMaterial, withAddedKey, withCurrentKey } from '../temporal/payloadKeys';
import { say } from './lib/bootstrap';

const USAGE = 'usage: npm run payload-keys -- list|init|add|rotate --file <path>, or use --file <path> --id <key id>';

function main(): void {
  const { values, positionals } = parseArgs({
    options: { file: { type: 'string' }, id: { type: 'string' } },
    allowPositionals: true,
  });
  const [command] = positionals;
  const file = values.file;
  if (file === undefined) throw new Error(USAGE);
  const read = (): KeyRing | undefined => (existsSync(file) ? readKeyRingFile(file, say) : undefined);
  switch (command) {
    case 'list': {
      const ring = readKeyRingFile(file, say);
      for (const id of ring.keys.keys()) console.log(`${id}${id === ring.current ? '  (current: encrypts)' : ''}`);
      return;
    }
    case 'init': {
      const { ring, created } = ensureKeyRingFile(file, say);
      say(
        created
          ? `created ${file} with key ${ring.current}`
          : `${file} exists (current key ${ring.current}); left as it is`
      );
      return;
    }
    case 'add':
    case 'rotate': {
      const existing = read();
      const id = newKeyId(new Date());
      const added = withAddedKey(existing, id, newKeyMaterial());
      writeKeyRingFile(file, command === 'rotate' ? withCurrentKey(added, id) : added);
      if (!existing) say(`created ${file} with key ${id}, which encrypts; point PAYLOAD_KEY_FILE at it`);
      else if (command === 'rotate') say(`added key ${id} to ${file}; it encrypts from the next restart`);
      else say(`added key ${id} to ${file} for decryption; once every process has it: use --id ${id}`);
      return;
    }
    case 'use': {
      const existing = read();
      if (!existing || values.id === undefined) throw new Error(USAGE);
      writeKeyRingFile(file, withCurrentKey(existing, values.id));
      say(`key ${values.id} encrypts from the next restart of each process; older keys stay for decryption`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
