/**
 * Builds the staff console (web/ → web/dist) when its build is missing or stale. Stale means the
 * content hash of what the bundle can be made of — web/ itself, the server modules it takes types
 * and labels from (api/, definitions/, identity/) and package-lock.json — differs from the hash
 * recorded next to the last build. Over-inclusive on purpose: a build takes about a second, a stale
 * console a confused afternoon.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const WEB_DIR = path.join(ROOT, 'web');
export const CONSOLE_DIST = path.join(WEB_DIR, 'dist');
const HASH_FILE = path.join(CONSOLE_DIST, '.source-hash');
/** Held while one process builds: Jest runs the browser test files in parallel workers, and Vite refuses a second build. */
const LOCK_FILE = path.join(WEB_DIR, '.build-lock');
/** A lock older than this was left by a build that died; a build takes seconds. */
const STALE_LOCK_MS = 120_000;
const SOURCES = ['web', 'api', 'definitions', 'identity', 'package-lock.json'];
const SKIP = new Set(['dist', 'node_modules', 'artifacts', '.build-lock']);

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { withFileTypes: true })
    .filter((d) => !SKIP.has(d.name))
    .flatMap((d) => (d.isDirectory() ? filesUnder(path.join(entry, d.name)) : [path.join(entry, d.name)]));
}

/** The hash of every file the console's build may read, in a fixed order. */
export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(filesUnder).sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(ROOT, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export type ConsoleBuildResult = { built: boolean; reason: string; hash: string };

/** Builds with Vite's CLI in a child process (Vite is ES-module only; this runs under tsx and Jest alike). */
export async function ensureConsoleBuilt(
  say: (message: string) => void = () => undefined
): Promise<ConsoleBuildResult> {
  // One build at a time across processes; whoever waited re-checks, and finds the other's build fresh.
  for (;;) {
    try {
      closeSync(openSync(LOCK_FILE, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = statSync(LOCK_FILE, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) rmSync(LOCK_FILE, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await buildIfStale(say);
  } finally {
    rmSync(LOCK_FILE, { force: true });
  }
}

async function buildIfStale(say: (message: string) => void): Promise<ConsoleBuildResult> {
  const hash = consoleSourceHash();
  const recorded = existsSync(HASH_FILE) ? readFileSync(HASH_FILE, 'utf8').trim() : undefined;
  if (recorded === hash && existsSync(path.join(CONSOLE_DIST, 'index.html'))) {
    say(`console: web/dist is up to date (sources ${hash})`);
    return { built: false, reason: 'up to date', hash };
  }
  const reason = recorded === undefined ? 'no build yet' : 'sources changed since the last build';
  say(`console: building web/ → web/dist (${reason})…`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', WEB_DIR, '--logLevel', 'warn'],
      {
        cwd: ROOT,
        // Jest sets NODE_ENV=test, which would give React's development build: always the production one.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit'],
      }
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`console build failed (vite exited with ${code})`))
    );
  });
  writeFileSync(HASH_FILE, `${hash}\n`);
  say(`console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { built: true, reason, hash };
}
