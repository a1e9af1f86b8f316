/**
 * Starts a local Temporal dev server (`temporal server start-dev`) for development and tests, with
 * the case search attributes registered, and tells the caller when it is really ready.
 *
 * We launch the CLI ourselves rather than through the SDK's TestWorkflowEnvironment because the SDK
 * insists on downloading its binary (impossible offline) and gives up waiting after a few seconds,
 * which a cold start on a small CI machine can exceed. The SDK path remains as a fallback for
 * machines where no CLI can be found or built but the download works.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseSearchAttributes } from '../workflows/searchAttributes';
import { locateTemporalCli } from './cli';
import { reclaimOrphanedServer, removePidFile, writePidFile } from './devServerPidFile';
import { untilTemporalReady } from './untilReady';

export interface DevServerOptions {
  /** SQLite file to persist to; undefined keeps everything in memory (lost when the server stops). */
  dbFile?: string;
  /** Interface to bind; 127.0.0.1 by default, not "localhost", so Node never tries ::1 first. */
  ip?: string;
  /** Frontend gRPC port; 0 or undefined picks a free one (tests, parallel runs). */
  port?: number;
  /** Web UI port; picked freely when not given. Ignored when headless. */
  uiPort?: number;
  headless?: boolean;
  namespace?: string;
  log?: (message: string) => void;
  /** A specific CLI binary; otherwise see locateTemporalCli. */
  cliPath?: string;
  /** Allow building the CLI with Go when none is installed. */
  build?: boolean;
  /** How long to wait for the server to answer; 60 s by default. */
  readyTimeoutMs?: number;
  /**
   * Where to record the server's pid (with dbFile only): a server left behind by a killed start is
   * found there and ended by the next start, instead of holding the ports. See devServerPidFile.ts.
   */
  pidFile?: string;
}

export interface DevServer {
  /** host:port for Connection / NativeConnection. */
  address: string;
  namespace: string;
  uiUrl?: string;
  /** The server's own Prometheus endpoint (docs/observability.md); known when we spawned the CLI. */
  metricsUrl?: string;
  /** Stops the server and waits until it is gone. Safe to call more than once. */
  stop(): Promise<void>;
  /** Settles when the server process exits (for any reason); only known when we spawned the CLI. */
  exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? (() => undefined);
  const cli = options.cliPath ?? (await locateTemporalCli({ build: options.build ?? false, log }));
  if (cli !== undefined) return startFromCli(cli, options, log);
  log('No temporal CLI available; falling back to the SDK, which downloads one (needs internet access)');
  try {
    return await startFromSdk(options, log);
  } catch (error) {
    throw new Error(
      'No temporal CLI found (set TEMPORAL_CLI_PATH, put `temporal` on PATH, or install Go so it can be built) ' +
        `and the SDK could not provide one: ${(error as Error).message}`,
      { cause: error }
    );
  }
}

interface ResolvedOptions {
  ip: string;
  port: number;
  uiPort?: number;
  namespace: string;
  dbFile?: string;
  pragmas: string[];
  /** Further free ports the caller asked for (the CLI's HTTP API and metrics endpoints). */
  extraPorts: number[];
}

async function resolveOptions(options: DevServerOptions, extraPorts: number): Promise<ResolvedOptions> {
  const ip = options.ip ?? '127.0.0.1';
  const headless = options.headless ?? false;
  const wanted = (options.port ? 0 : 1) + (!headless && !options.uiPort ? 1 : 0) + extraPorts;
  const free = await freePorts(ip, wanted);
  const take = (): number => {
    const port = free.shift();
    if (port === undefined) throw new Error('internal error: not enough free ports picked');
    return port;
  };
  // A port taken by another Temporal server would pass the readiness check, answered by the wrong server.
  if (options.port) await assertPortFree(ip, options.port);
  if (!headless && options.uiPort) await assertPortFree(ip, options.uiPort);
  const port = options.port || take();
  const uiPort = headless ? undefined : options.uiPort || take();
  let dbFile: string | undefined;
  if (options.dbFile !== undefined) {
    dbFile = path.resolve(options.dbFile);
    await mkdir(path.dirname(dbFile), { recursive: true });
  }
  return {
    ip,
    port,
    uiPort,
    namespace: options.namespace ?? 'default',
    dbFile,
    // WAL lets readers (visibility queries) run alongside the single writer, and synchronous=normal
    // avoids an fsync per transaction; a dev server can afford losing the last moments on power loss.
    pragmas: dbFile === undefined ? [] : ['journal_mode=wal', 'synchronous=normal'],
    extraPorts: free,
  };
}

async function startFromCli(cli: string, options: DevServerOptions, log: (m: string) => void): Promise<DevServer> {
  const pidFile = options.dbFile === undefined ? undefined : options.pidFile;
  // Before the ports are checked: an orphan of ours would hold them.
  if (pidFile !== undefined && options.dbFile !== undefined) {
    await reclaimOrphanedServer(pidFile, path.resolve(options.dbFile), log);
  }
  const resolved = await resolveOptions(options, 2);
  const [httpPort, metricsPort] = resolved.extraPorts;
  const args = ['server', 'start-dev', '--ip', resolved.ip, '--port', String(resolved.port), '--log-level', 'warn'];
  args.push('--http-port', String(httpPort), '--metrics-port', String(metricsPort));
  if (resolved.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(resolved.uiPort));
  if (resolved.namespace !== 'default') args.push('--namespace', resolved.namespace);
  if (resolved.dbFile !== undefined) args.push('--db-filename', resolved.dbFile);
  for (const pragma of resolved.pragmas) args.push('--sqlite-pragma', pragma);
  for (const { name, type } of caseSearchAttributes) args.push('--search-attribute', `${name}=${type}`);

  const address = clientAddress(resolved.ip, resolved.port);
  log(`Starting temporal dev server on ${address} (${resolved.dbFile ?? 'in-memory'})`);
  // Own process group: stop() can then take down the server and anything it spawned in one signal.
  const child = spawn(cli, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child, log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    // A binary that cannot be spawned emits 'error' and never 'exit'; stop() must not wait forever.
    child.on('error', () => {
      if (child.pid === undefined) resolve({ code: null, signal: null });
    });
  });
  // Rejects when the server dies before it is ready. Marked handled up front: after start-up it
  // still settles (at stop) and would otherwise be reported as an unhandled rejection.
  const diedEarly = new Promise<never>((_, reject) => {
    child.on('error', (error) => reject(new Error(`could not run ${cli}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      reject(new Error(`temporal dev server exited during start-up (${signal ?? `exit code ${code}`})`));
    });
  });
  diedEarly.catch(() => undefined);
  if (pidFile !== undefined && child.pid !== undefined) await writePidFile(pidFile, child.pid);

  // Never leave an orphaned server behind if this process ends without calling stop(). The server has
  // its own process group, so Ctrl-C in a terminal does not reach it. A process that handles the
  // signal itself stops the server in its own order (after draining its worker); otherwise nobody
  // would, so stop it here and re-raise the signal so the default (exit) still happens.
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  const forwardSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    killGroup(child, 'SIGTERM');
    removeGuards();
    process.kill(process.pid, signal);
  };
  const guardedSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const removeGuards = (): void => {
    process.off('exit', killOnExit);
    for (const signal of guardedSignals) process.off(signal, forwardSignal);
  };
  process.on('exit', killOnExit);
  for (const signal of guardedSignals) process.on(signal, forwardSignal);
  void exited.then(removeGuards);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      output.quiet();
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
      if (child.exitCode === null && child.signalCode === null) await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // stragglers in the group, if any
      removeGuards();
      if (pidFile !== undefined && child.pid !== undefined) await removePidFile(pidFile, child.pid);
    })();
    return stopping;
  };

  const started = Date.now();
  try {
    await Promise.race([
      waitUntilReady(address, resolved.namespace, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS, output.started),
      diedEarly,
    ]);
  } catch (error) {
    await stop();
    const tail = output.tail();
    throw new Error(`${(error as Error).message}${tail ? `\n--- server output ---\n${tail}` : ''}`, { cause: error });
  }
  const uiUrl = resolved.uiPort === undefined ? undefined : `http://${clientAddress(resolved.ip, resolved.uiPort)}`;
  const metricsUrl = `http://${clientAddress(resolved.ip, metricsPort ?? 0)}/metrics`;
  log(`Temporal dev server ready on ${address} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { address, namespace: resolved.namespace, uiUrl, metricsUrl, stop, exited };
}

async function startFromSdk(options: DevServerOptions, log: (m: string) => void): Promise<DevServer> {
  const resolved = await resolveOptions(options, 0);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip: resolved.ip,
      port: resolved.port,
      ui: resolved.uiPort !== undefined,
      uiPort: resolved.uiPort,
      namespace: resolved.namespace,
      dbFilename: resolved.dbFile,
      log: { format: 'pretty', level: 'warn' },
      extraArgs: resolved.pragmas.flatMap((pragma) => ['--sqlite-pragma', pragma]),
      searchAttributes: caseSearchAttributes.map(({ name, type }) =>
        defineSearchAttributeKey(name, type === 'Keyword' ? SearchAttributeType.KEYWORD : SearchAttributeType.DATETIME)
      ),
    },
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= env.teardown());
  try {
    await waitUntilReady(env.address, resolved.namespace, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
  } catch (error) {
    await stop();
    throw error;
  }
  const uiUrl = resolved.uiPort === undefined ? undefined : `http://${clientAddress(resolved.ip, resolved.uiPort)}`;
  log(`Temporal dev server (SDK download) ready on ${env.address}`);
  return { address: env.address, namespace: resolved.namespace, uiUrl, stop };
}

/**
 * Polls until the frontend answers, the namespace exists and the search attributes are visible: the
 * port opens before all of that is true, and a worker or test racing ahead fails in confusing ways.
 */
async function waitUntilReady(
  address: string,
  namespace: string,
  timeoutMs: number,
  cliStarted: () => boolean = () => true
): Promise<void> {
  await untilTemporalReady(
    address,
    { timeoutMs, attemptMs: 5_000, pauseMs: 250, what: `temporal dev server on ${address} not ready` },
    async (conn) => {
      await conn.workflowService.getSystemInfo({});
      await conn.workflowService.describeNamespace({ namespace });
      const { customAttributes } = await conn.operatorService.listSearchAttributes({ namespace });
      const missing = caseSearchAttributes.filter(({ name }) => customAttributes?.[name] === undefined);
      if (missing.length > 0)
        throw new Error(`search attributes not registered yet: ${missing.map((a) => a.name).join(', ')}`);
      if (!cliStarted()) throw new Error('the CLI has not printed its start-up banner yet');
    }
  );
}

/** Binding port 0 lets the OS choose; holding all sockets open at once keeps the picks distinct. */
export async function freePorts(ip: string, count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: ip, port: 0, exclusive: true }, resolve);
      });
    }
    return servers.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

async function assertPortFree(ip: string, port: number): Promise<void> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: ip, port, exclusive: true }, resolve);
    });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'is already in use' : 'cannot be bound';
    throw new Error(`Port ${ip}:${port} ${reason} (is another Temporal server running?)`, { cause: error });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Clients cannot dial a wildcard address; they reach a server bound to one through loopback. */
function clientAddress(ip: string, port: number): string {
  const host = ip === '0.0.0.0' ? '127.0.0.1' : ip === '::' ? '::1' : ip;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Keeps the last lines of server output for error messages and passes errors on to the log. The
 * pipes must be drained either way, or a chatty server blocks once the pipe buffer fills.
 *
 * `started` tells when the CLI has printed its banner (the `Metrics:` line comes last), which it does
 * once everything is up, a moment after the frontend answers. Until then the server still writes to
 * its pipe; were this process to die in that moment, the write would end the server (SIGPIPE), so
 * whether an orphan survives would be left to chance (see devServerPidFile.ts).
 */
function collectOutput(
  child: ChildProcess,
  log: (m: string) => void
): { tail: () => string; quiet: () => void; started: () => boolean } {
  const lines: string[] = [];
  let quiet = false;
  let started = false;
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      if (line.startsWith('Metrics:')) started = true;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      // Shutdown is noisy with harmless warnings about closed connections, so only errors, and only while running.
      if (!quiet && line.includes('level=ERROR')) log(`[temporal] ${line}`);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    tail: () => lines.join('\n'),
    started: () => started,
    quiet: () => {
      quiet = true;
    },
  };
}
