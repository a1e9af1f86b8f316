/**
 * Building pinned Go binaries (the Temporal CLI, the Temporal server and its SQL tool) from the Go
 * module proxy into a versioned, git-ignored folder under .tools/. Machines without internet access
 * to GitHub releases usually still have Go and a module proxy, so this keeps them self-sufficient.
 */
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const EXE = process.platform === 'win32' ? '.exe' : '';

export async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    if (await isExecutable(file)) return file;
  }
  return undefined;
}

/** Go's official installer puts it in /usr/local/go, which is often not on PATH in CI images. */
export async function findGo(): Promise<string | undefined> {
  const onPath = await findOnPath(`go${EXE}`);
  if (onPath !== undefined) return onPath;
  const standard = `/usr/local/go/bin/go${EXE}`;
  return (await isExecutable(standard)) ? standard : undefined;
}

/** "<what> (2 min 30 s so far; <estimate>)": said every 30 s so a long first build never looks hung. */
export function progressLine(what: string, estimate: string, elapsedMs: number): string {
  const elapsed = Math.round(elapsedMs / 1000);
  return `  still building ${what} (${Math.floor(elapsed / 60)} min ${elapsed % 60} s so far; ${estimate})...`;
}

export interface GoInstallRequest {
  go: string;
  /** `module/path/cmd@version` for each binary. */
  packages: string[];
  /** The versioned folder the binaries end up in, e.g. .tools/temporal-server-v1.32.1. */
  targetDir: string;
  /** The binaries' file names, as `go install` names them (the last path element of each package). */
  binaries: string[];
  /** Build tags (`-tags a,b`). */
  tags?: string[];
  /** What is built and how long it takes, for the log ("the Temporal server", "about 5 minutes"). */
  what: string;
  estimate: string;
  log: (message: string) => void;
}

/**
 * Runs `go install` into a private staging folder and renames the binaries into `targetDir` only when
 * all were built, so a concurrent or interrupted build never leaves a half-written binary where the
 * next run would find and trust it. Returns false (having said why) when the build failed.
 */
export async function goInstallInto(request: GoInstallRequest): Promise<boolean> {
  const { targetDir, log } = request;
  await mkdir(path.dirname(targetDir), { recursive: true });
  const staging = await mkdtemp(`${targetDir}.building-`);
  const started = Date.now();
  log(`Building ${request.what} with ${request.go}: ${request.estimate}...`);
  const progress = setInterval(() => log(progressLine(request.what, request.estimate, Date.now() - started)), 30_000);
  try {
    if (!(await runGoInstall(request, staging))) return false;
    await mkdir(targetDir, { recursive: true });
    for (const binary of request.binaries) {
      await rename(path.join(staging, `${binary}${EXE}`), path.join(targetDir, `${binary}${EXE}`));
    }
    log(`Built ${request.what} into ${targetDir} in ${Math.round((Date.now() - started) / 1000)} s`);
    return true;
  } finally {
    clearInterval(progress);
    await rm(staging, { recursive: true, force: true });
  }
}

function runGoInstall(request: GoInstallRequest, gobin: string): Promise<boolean> {
  const args = ['install', ...(request.tags?.length ? ['-tags', request.tags.join(',')] : []), ...request.packages];
  return new Promise((resolve) => {
    const child = spawn(request.go, args, {
      // CGO off: static binaries that need no C toolchain (the SQLite and PostgreSQL drivers are pure Go).
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: gobin },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') request.log(`  ${line.trimEnd()}`);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) => {
      request.log(`Could not run ${request.go}: ${error.message}`);
      resolve(false);
    });
    child.on('close', (code, signal) => {
      if (code !== 0) request.log(`go install failed (${signal ?? `exit code ${code}`})`);
      resolve(code === 0);
    });
  });
}
