/**
 * Finds (or builds) the `temporal` CLI that runs our local dev server. The SDK can download one, but
 * machines without internet access (CI sandboxes, some offices) cannot, while they usually do have Go
 * and a Go module proxy; building the CLI from source keeps tests and local development working there.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { EXE, findGo, findOnPath, goInstallInto, isExecutable, progressLine } from './goInstall';

/**
 * Pinned because from v1.6.0 on the CLI's go.mod carries a `replace` directive, and `go install
 * module@version` refuses modules with one; v1.5.1 is the newest release that still installs that way.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
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

/**
 * What a person waiting on the first start needs to hear: it happens once, and roughly how long.
 * Measured: about 8 minutes for a cold module cache on a 2-core machine.
 */
export const BUILD_ESTIMATE = 'first start builds the Temporal CLI once, about 5–10 minutes on 2 cores';

export function buildProgressLine(elapsedMs: number): string {
  return progressLine('the Temporal CLI', BUILD_ESTIMATE, elapsedMs);
}

async function buildCli(go: string, log: (message: string) => void): Promise<string | undefined> {
  const built = await goInstallInto({
    go,
    packages: [`${CLI_MODULE}@${TEMPORAL_CLI_VERSION}`],
    targetDir: cachedCliDir,
    binaries: ['temporal'],
    what: `temporal CLI ${TEMPORAL_CLI_VERSION}`,
    estimate: BUILD_ESTIMATE,
    log,
  });
  if (!built) return undefined;
  const version = await cliVersion(cachedCliPath);
  if (version === undefined) {
    log(`Built ${cachedCliPath}, but it does not run`);
    return undefined;
  }
  return cachedCliPath;
}
