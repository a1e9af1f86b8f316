/**
 * Finds (or builds) the real Temporal server and its SQL schema tool, for the cluster topology on
 * PostgreSQL (scripts/cluster/). The dev server of the Temporal CLI keeps its state in SQLite in one
 * process; a county's deployment runs this server instead, so the cluster job proves the app on it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { EXE, findGo, findOnPath, goInstallInto, isExecutable } from './goInstall';

/**
 * The newest release that builds with the Go toolchain this project's machines have (1.26.8; v1.32.2
 * asks for a newer one), and whose go.mod has no `replace`, so `go install module@version` accepts it.
 */
export const TEMPORAL_SERVER_VERSION = 'v1.32.1';

const SERVER_MODULE = 'go.temporal.io/server';
const REPO_ROOT = path.resolve(__dirname, '..');

/** Git-ignored and versioned, like the CLI's: bumping the pin never reuses an old build. */
export const cachedServerDir = path.join(REPO_ROOT, '.tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`);

/** Measured on a 2-core machine: about 6 minutes with an empty module cache, seconds once built. */
export const SERVER_BUILD_ESTIMATE = 'built once, about 5–10 minutes on 2 cores';

export interface ServerBinaries {
  /** `temporal-server`: `start`, `--config-file`, `--allow-no-auth`. */
  server: string;
  /** `temporal-sql-tool`: `create-database`, `setup-schema`, `update-schema` with the embedded schemas. */
  sqlTool: string;
  version: string;
}

const execFileAsync = promisify(execFile);

/**
 * TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH when set (both, or neither), else the release
 * binaries `temporal-server` and `temporal-sql-tool` on PATH, else the cached build, else — with
 * `build` — a build with Go. Undefined only when nothing is found and nothing could be built.
 */
export async function locateServerBinaries(options: {
  build: boolean;
  log?: (message: string) => void;
}): Promise<ServerBinaries | undefined> {
  const log = options.log ?? (() => undefined);
  const explicitServer = process.env.TEMPORAL_SERVER_PATH;
  const explicitTool = process.env.TEMPORAL_SQL_TOOL_PATH;
  if (explicitServer || explicitTool) {
    if (!explicitServer || !explicitTool) {
      throw new Error('set both TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH, or neither');
    }
    // Someone asked for these exact binaries; silently using others would hide their mistake.
    const found = await check(explicitServer, explicitTool);
    if (found === undefined) throw new Error(`TEMPORAL_SERVER_PATH=${explicitServer} is not a working Temporal server`);
    return found;
  }
  const candidates: [string | undefined, string | undefined][] = [
    [await findOnPath(`temporal-server${EXE}`), await findOnPath(`temporal-sql-tool${EXE}`)],
    [path.join(cachedServerDir, `server${EXE}`), path.join(cachedServerDir, `sql${EXE}`)],
  ];
  for (const [server, sqlTool] of candidates) {
    if (server === undefined || sqlTool === undefined) continue;
    if (!(await isExecutable(server)) || !(await isExecutable(sqlTool))) continue;
    const found = await check(server, sqlTool);
    if (found !== undefined) {
      log(`Using Temporal server ${server} (${found.version})`);
      return found;
    }
    log(`Ignoring ${server}: \`--version\` failed`);
  }
  if (!options.build) return undefined;
  const go = await findGo();
  if (go === undefined) {
    log('No Temporal server found and Go is not installed, so it cannot be built');
    return undefined;
  }
  const built = await goInstallInto({
    go,
    packages: [
      `${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
      `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
    ],
    // As the server's own Makefile builds it: keeps the archiver's Google Cloud Storage client off gRPC.
    tags: ['disable_grpc_modules'],
    targetDir: cachedServerDir,
    binaries: ['server', 'sql'],
    what: `the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool`,
    estimate: SERVER_BUILD_ESTIMATE,
    log,
  });
  if (!built) return undefined;
  const found = await check(path.join(cachedServerDir, `server${EXE}`), path.join(cachedServerDir, `sql${EXE}`));
  if (found === undefined) log(`Built the Temporal server into ${cachedServerDir}, but it does not run`);
  return found;
}

async function check(server: string, sqlTool: string): Promise<ServerBinaries | undefined> {
  const version = await versionOf(server);
  if (version === undefined || (await versionOf(sqlTool)) === undefined) return undefined;
  return { server, sqlTool, version };
}

/** `<bin> --version`; undefined when it is not a working binary. */
async function versionOf(bin: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(bin, ['--version'], { timeout: 30_000 });
    return stdout.trim() || 'unknown version';
  } catch {
    return undefined;
  }
}
