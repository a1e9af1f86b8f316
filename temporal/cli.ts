/**
 * Finds (or builds) the `temporal` CLI that runs our local dev server. The SDK can download one, but
 * machines without internet access (CI sandboxes, some offices) cannot, while they usually do have Go
 * and a Go module proxy; building the CLI from source keeps tests and local development working there.
 */
import { execFile, spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Pinned because from v1.6.0 on the CLI's go.mod carries a `replace` directive, and `go install
 * module@version` refuses modules with one; v1.5.1 is the newest release that still installs that way.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
const EXE = process.platform === 'win32' ? '.exe' : '';
const REPO_ROOT = path.resolve(__dirname, '..');

/** Where a build is cached: git-ignored, and versioned so bumping the pin never reuses an old binary. */
export const cachedCliDir = path.join(REPO_ROOT, '.tools', `temporal-${TEMPORAL_CLI_VERSION}`);
export const cachedCliPath = path.join(cachedCliDir, `temporal${EXE}`);

const execFileAsync = promisify(execFile);

export interface LocateOptions {
  /** Build the CLI with Go when nothing usable is installed (takes minutes on a cold cache). */
  build: boolean;
  log?: (message: string) => void;
}

export async function locateTemporalCli(options: LocateOptions): Promise<string | undefined> {
  const log = options.log ?? (() => undefined);

  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    // Someone asked for this exact binary; silently using another one would hide their mistake.
    const version = await cliVersion(explicit);
    if (version === undefined) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not a working temporal CLI`);
    log(`Using temporal CLI from TEMPORAL_CLI_PATH: ${explicit} (${version})`);
    return explicit;
  }

  for (const candidate of [await findOnPath(`temporal${EXE}`), cachedCliPath]) {
    if (candidate === undefined || !(await isExecutable(candidate))) continue;
    const version = await cliVersion(candidate);
    if (version !== undefined) {
      log(`Using temporal CLI ${candidate} (${version})`);
      return candidate;
    }
    log(`Ignoring ${candidate}: \`--version\` failed`);
  }

  if (!options.build) return undefined;
  const go = await findGo();
  if (go === undefined) {
    log('No temporal CLI found and Go is not installed, so it cannot be built');
    return undefined;
  }
  return buildCli(go, log);
}

/** Runs `<bin> --version`; undefined when it is not a working binary. */
async function cliVersion(bin: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(bin, ['--version'], { timeout: 30_000 });
    return stdout.trim() || 'unknown version';
  } catch {
    return undefined;
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    if (await isExecutable(file)) return file;
  }
  return undefined;
}

/** Go's official installer puts it in /usr/local/go, which is often not on PATH in CI images. */
async function findGo(): Promise<string | undefined> {
  const onPath = await findOnPath(`go${EXE}`);
  if (onPath !== undefined) return onPath;
  const standard = `/usr/local/go/bin/go${EXE}`;
  return (await isExecutable(standard)) ? standard : undefined;
}

/**
 * What a person waiting on the first start needs to hear: it happens once, and roughly how long.
 * Measured: about 8 minutes for a cold module cache on a 2-core machine.
 */
export const BUILD_ESTIMATE = 'first start builds the Temporal CLI once, about 5–10 minutes on 2 cores';

export function buildProgressLine(elapsedMs: number): string {
  const elapsed = Math.round(elapsedMs / 1000);
  return `  still building the Temporal CLI (${Math.floor(elapsed / 60)} min ${elapsed % 60} s so far; ${BUILD_ESTIMATE})...`;
}

async function buildCli(go: string, log: (message: string) => void): Promise<string | undefined> {
  await mkdir(path.dirname(cachedCliDir), { recursive: true });
  // Install into a private directory and rename into place, so a concurrent build or an interrupted
  // one never leaves a half-written binary where the next run would find and trust it.
  const staging = await mkdtemp(`${cachedCliDir}.building-`);
  const started = Date.now();
  log(`Building temporal CLI ${TEMPORAL_CLI_VERSION} with ${go}: ${BUILD_ESTIMATE}...`);
  const progress = setInterval(() => log(buildProgressLine(Date.now() - started)), 30_000);
  try {
    const ok = await runGoInstall(go, staging, log);
    if (!ok) return undefined;
    await mkdir(cachedCliDir, { recursive: true });
    await rename(path.join(staging, `temporal${EXE}`), cachedCliPath);
    const version = await cliVersion(cachedCliPath);
    if (version === undefined) {
      log(`Built ${cachedCliPath}, but it does not run`);
      return undefined;
    }
    log(`Built ${cachedCliPath} (${version}) in ${Math.round((Date.now() - started) / 1000)} s`);
    return cachedCliPath;
  } finally {
    clearInterval(progress);
    await rm(staging, { recursive: true, force: true });
  }
}

function runGoInstall(go: string, gobin: string, log: (message: string) => void): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(go, ['install', `${CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], {
      // CGO off: a static binary that needs no C toolchain, and the CLI's SQLite driver is pure Go.
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: gobin },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') log(`  ${line.trimEnd()}`);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) => {
      log(`Could not run ${go}: ${error.message}`);
      resolve(false);
    });
    child.on('close', (code, signal) => {
      if (code !== 0) log(`go install failed (${signal ?? `exit code ${code}`})`);
      resolve(code === 0);
    });
  });
}
