/**
 * `npm run histories:capture`: re-records the golden histories in test/histories/ (see
 * test/support/goldenHistories.ts for the paths) by running the tests that drive those paths, one
 * file at a time, against a fresh in-memory Temporal dev server and a throw-away database. Replaces
 * those paths' folders; review the diff and commit it. Needs the same setup as `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { goldenPaths, historiesDir } from '../test/support/goldenHistories';

const files = [...new Set(goldenPaths.map((p) => p.file))];
// Only the golden paths' own folders: older histories kept beside them (docs/change-safety.md) stay.
for (const p of goldenPaths) rmSync(path.join(historiesDir, p.name), { recursive: true, force: true });
console.log(`Capturing ${goldenPaths.length} golden paths from ${files.length} test files into ${historiesDir}`);
const env = { ...process.env };
// A fresh server: histories from an earlier run on a shared cluster would be mixed in.
delete env.TEMPORAL_ADDRESS;
const result = spawnSync(
  'npx',
  // The setup option takes a list, so the test files go before it.
  [
    'jest',
    ...files,
    '--runInBand',
    '--setupFilesAfterEnv',
    path.join(__dirname, '../test/support/captureHistories.setup.ts'),
  ],
  { stdio: 'inherit', env }
);
process.exitCode = result.status ?? 1;
