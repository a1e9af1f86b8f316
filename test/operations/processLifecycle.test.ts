/**
 * The entry points as an operator runs them: started as child processes (node with tsx's loader, as
 * `npm start` runs them), stopped with a signal or killed outright, then started again. `npm start`
 * gets a dev server of its own on free ports with its state in a temporary folder; `npm run api` and
 * `npm run worker` use this run's Temporal server and database.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { locateTemporalCli } from '../../temporal/cli';
import { writePidFile } from '../../temporal/devServerPidFile';
import { caseSearchAttributes } from '../../workflows/searchAttributes';
import { Client, Connection } from '@temporalio/client';
import { createCaseCommands } from '../../api/applications/commands';
import { applicationSchema } from '../../definitions/shared/application';
import { testEnvironment, uniqueTaskQueue } from '../support/environment';
import { actors, anApplication, residentIds, testConfigEntries } from '../support/factories';

const REPO_ROOT = path.resolve(__dirname, '../..');
/** Start-up includes bundling the workflow code, which takes a while on a busy two-core machine. */
const START_TIMEOUT_MS = 90_000;
const STACK_TRACE = /IllegalStateError|^\s+at .+:\d+:\d+\)?$/m;

interface Started {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output matches; rejects with the output so far when the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Started[] = [];
let stateDir: string;

function startScript(script: string, env: Record<string, string | undefined>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    // Metrics listeners on free ports, so two runs (or a developer's npm start) never collide.
    env: { ...process.env, LOG_LEVEL: 'info', METRICS_PORT: '0', WORKER_METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const waitFor = (pattern: RegExp, timeoutMs = START_TIMEOUT_MS): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pattern.test(output)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then(({ code, signal }) => {
        if (!listeners.has(check)) return;
        done();
        reject(new Error(`exited (${signal ?? code}) before ${pattern}; output:\n${output}`));
      });
      check();
    });
  const handle = { child, output: () => output, waitFor, exited };
  started.push(handle);
  return handle;
}

/**
 * Two free ports below the kernel's ephemeral range (32768 and up on Linux), as 7233 and 8233 are:
 * a port from that range, once the orphan lets it go, can be taken at once by any outgoing
 * connection on this busy machine, and the test would then fail for a reason of its own.
 */
async function freeFixedPorts(): Promise<[number, number]> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!(await portTaken(port)) && !(await portTaken(port + 1))) return [port, port + 1];
  }
}

/** A stack of its own: a dev server on free ports with its state file in `stateDir`, the API on a free port. */
async function ownStackEnv(): Promise<Record<string, string | undefined>> {
  const [temporalPort, uiPort] = await freeFixedPorts();
  return {
    TEMPORAL_ADDRESS: undefined,
    TEMPORAL_DB_FILE: path.join(stateDir, 'temporal.sqlite'),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    TEMPORAL_TASK_QUEUE: uniqueTaskQueue('lifecycle'),
    PORT: '0',
    // The sealer's dev key pair is generated here, not in the repository's .data/.
    AUDIT_SEAL_KEY_FILE: path.join(stateDir, 'audit-seal', 'private.pem'),
    AUDIT_SEAL_PUBLIC_KEY_FILE: path.join(stateDir, 'audit-seal', 'public.pem'),
  };
}

/** Polls until `check` holds (a server binding its port), for at most 30 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Running, and not a zombie waiting to be reaped (whose command line is empty). */
function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`).length > 0;
  } catch {
    return false;
  }
}

/**
 * Whether the port is bound, found by trying to bind it: connecting would make the server log, and an
 * orphan whose output pipe is gone dies on its next write, which would hide the very defect tested.
 */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** The child processes of `pid` (the dev server a start spawned). */
function childrenOf(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

async function recordedServerPid(): Promise<number> {
  const recorded = await readFile(path.join(stateDir, 'temporal.sqlite.pid'), 'utf8');
  return (JSON.parse(recorded) as { serverPid: number }).serverPid;
}

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'yilian-lifecycle-'));
});

afterEach(async () => {
  for (const { child } of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  // A dev server left behind by a failed assertion, found through the pid file it wrote.
  const pidFile = path.join(stateDir, 'temporal.sqlite.pid');
  const recorded = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (recorded !== undefined) {
    const { serverPid } = JSON.parse(recorded) as { serverPid: number };
    if (isAlive(serverPid)) process.kill(-serverPid, 'SIGKILL');
  }
  await rm(stateDir, { recursive: true, force: true });
});

describe('stopping the processes', () => {
  it(
    'npm start stops on SIGTERM in order (HTTP, worker, Temporal) with exit code 0 and no stack trace',
    async () => {
      const stack = startScript('scripts/start.ts', await ownStackEnv());
      await stack.waitFor(/API ready at (\S+)/);
      const api = /API ready at (\S+)/.exec(stack.output())?.[1];
      expect((await fetch(`${api}/healthz`)).status).toBe(200);
      const serverPid = await recordedServerPid();
      // The local stack seals the audit chain heads with a key only its user may read.
      expect(stack.output()).toMatch(/Sealed \d+ case head\(s\) as seal \d+/);
      expect(statSync(path.join(stateDir, 'audit-seal', 'private.pem')).mode & 0o777).toBe(0o600);

      stack.child.kill('SIGTERM');
      const exit = await stack.exited;

      expect(stack.output()).not.toMatch(STACK_TRACE);
      expect(stack.output()).toContain('[yilian] stopped');
      expect(exit).toEqual({ code: 0, signal: null });
      expect(isAlive(serverPid)).toBe(false);
    },
    START_TIMEOUT_MS + 30_000
  );

  it(
    'npm run api logs each request as one JSON line, serves its metrics, and stops on SIGTERM with exit code 0',
    async () => {
      const { temporalAddress, databaseUrl } = testEnvironment();
      const api = startScript('scripts/api.ts', {
        TEMPORAL_ADDRESS: temporalAddress,
        DATABASE_URL: databaseUrl,
        TEMPORAL_TASK_QUEUE: uniqueTaskQueue('lifecycle'),
        PORT: '0',
      });
      await api.waitFor(/API ready at (http:\/\/[\d.:]+)/);
      const base = /API ready at (http:\/\/[\d.:]+)/.exec(api.output())?.[1];
      const metricsUrl = /API metrics at (http:\/\/[\d.:]+\/metrics)/.exec(api.output())?.[1];

      const live = await fetch(`${base}/healthz`);
      expect(live.status).toBe(200);
      await api.waitFor(/"route":"\/healthz"/, 10_000);
      const line = api
        .output()
        .split('\n')
        .find((l) => l.includes('"route":"/healthz"'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({
        level: 'info',
        msg: 'request',
        requestId: live.headers.get('x-request-id'),
        status: 200,
        callerId: null,
      });
      const scraped = await (await fetch(metricsUrl ?? '')).text();
      expect(scraped).toMatch(/^yilian_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1$/m);
      expect(scraped).toMatch(/^yilian_business_figures_up 1$/m);

      api.child.kill('SIGTERM');
      const exit = await api.exited;

      expect(api.output()).not.toMatch(STACK_TRACE);
      expect(exit).toEqual({ code: 0, signal: null });
    },
    START_TIMEOUT_MS + 30_000
  );

  it(
    'npm run worker serves Temporal’s metrics on its own port, logs case events as JSON without personal data, and stops on SIGTERM with exit code 0',
    async () => {
      const { temporalAddress, databaseUrl, namespace, dataConverter } = testEnvironment();
      const taskQueue = uniqueTaskQueue('lifecycle');
      const worker = startScript('scripts/worker.ts', {
        TEMPORAL_ADDRESS: temporalAddress,
        DATABASE_URL: databaseUrl,
        TEMPORAL_TASK_QUEUE: taskQueue,
      });
      await worker.waitFor(/worker polling task queue/);
      const metricsUrl = /worker metrics at (http:\/\/[\d.:]+\/metrics)/.exec(worker.output())?.[1];

      // The SDK's metrics appear once its pollers have asked the server for work.
      let scraped = '';
      await eventually(async () => {
        scraped = await (await fetch(metricsUrl ?? '')).text();
        return /^temporal_\w+/m.test(scraped);
      });
      expect(scraped).toMatch(/^temporal_worker_start\{.*\} 1$/m);

      // A case started on its queue: the workflow's log line names the case and its step, not the household.
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        const client = new Client({ connection, namespace, dataConverter });
        const commands = createCaseCommands({ client, taskQueue, extraConfigEntries: testConfigEntries(2) });
        const window = actors.window();
        const { view } = await commands.startApplication(applicationSchema.parse(anApplication()), window, undefined);
        await worker.waitFor(/"msg":"case event"/, 30_000);
        const event = worker
          .output()
          .split('\n')
          .find((l) => l.includes('"msg":"case event"'));
        expect(JSON.parse(event ?? '{}')).toMatchObject({
          level: 'info',
          caseId: view.id,
          program: 'dibao',
          step: view.step,
          actorRole: 'window',
          sdkComponent: 'workflow',
          workflowType: 'caseWorkflow',
        });
      } finally {
        await connection.close();
      }
      expect(worker.output()).not.toContain(residentIds.applicant);
      expect(worker.output()).not.toContain('张三');
      // Every line the process wrote is JSON (start-up lines and the SDK's own alike).
      const lines = worker
        .output()
        .split('\n')
        .filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();

      worker.child.kill('SIGTERM');
      const exit = await worker.exited;

      expect(worker.output()).not.toMatch(STACK_TRACE);
      expect(exit).toEqual({ code: 0, signal: null });
    },
    START_TIMEOUT_MS + 30_000
  );
});

describe('restarting after the process was killed', () => {
  it('ends the dev server a SIGKILLed start left behind, so the next start gets its port', async () => {
    const env = await ownStackEnv();
    const first = startScript('scripts/temporal-server.ts', env);
    await first.waitFor(/Press Ctrl-C to stop/);
    const [orphanPid] = childrenOf(first.child.pid ?? 0);
    first.child.kill('SIGKILL');
    await first.exited;
    // Usually the orphan lives on and holds the port (what made the next start fail with "Port … is
    // already in use"); it dies by itself only if it happens to write to its dead output pipe, which a
    // loaded machine can make it do. Either way the next start must get the port; the test below
    // leaves an orphan that cannot die that way.
    const orphaned = orphanPid !== undefined && isAlive(orphanPid);

    const second = startScript('scripts/temporal-server.ts', env);
    await second.waitFor(/Press Ctrl-C to stop/);

    if (orphaned) {
      expect(second.output()).toContain(
        `Ending the Temporal dev server a previous start left running (pid ${orphanPid})`
      );
    }
    expect(second.output()).toContain(`Temporal address: 127.0.0.1:${env.TEMPORAL_PORT}`);
    expect(isAlive(orphanPid ?? 0)).toBe(false);
    second.child.kill('SIGINT');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(await portTaken(Number(env.TEMPORAL_PORT))).toBe(false);
  });

  it('ends an orphan recorded by a start that is gone, even one that never writes to a dead pipe', async () => {
    const env = await ownStackEnv();
    const dbFile = env.TEMPORAL_DB_FILE ?? '';
    const [httpPort, metricsPort] = await freeFixedPorts();
    const cli = await locateTemporalCli({ build: false });
    if (cli === undefined) throw new Error('no temporal CLI: run `npm run temporal:cli` first');
    // What a SIGKILLed start leaves: a server in its own process group, and a pid file naming a dead owner.
    const orphan = spawn(
      cli,
      ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(env.TEMPORAL_PORT), '--headless'].concat(
        ['--http-port', String(httpPort), '--metrics-port', String(metricsPort), '--log-level', 'warn'],
        ['--db-filename', dbFile],
        // As a start registers them: the next start waits for these on the state file it reuses.
        caseSearchAttributes.flatMap(({ name, type }) => ['--search-attribute', `${name}=${type}`])
      ),
      { detached: true, stdio: 'ignore' }
    );
    const deadOwner = spawn('true');
    await new Promise((resolve) => deadOwner.once('exit', resolve));
    await writePidFile(`${dbFile}.pid`, orphan.pid ?? 0, deadOwner.pid ?? 0);
    await eventually(() => portTaken(Number(env.TEMPORAL_PORT)));

    const second = startScript('scripts/temporal-server.ts', env);
    await second.waitFor(/Press Ctrl-C to stop/);

    expect(second.output()).toContain(
      `Ending the Temporal dev server a previous start left running (pid ${orphan.pid})`
    );
    expect(second.output()).toContain(`Temporal address: 127.0.0.1:${env.TEMPORAL_PORT}`);
    expect(isAlive(orphan.pid ?? 0)).toBe(false);
    second.child.kill('SIGINT');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });

  it('leaves a dev server alone while the process that started it still runs, and says which one to stop', async () => {
    const env = await ownStackEnv();
    const running = startScript('scripts/temporal-server.ts', env);
    await running.waitFor(/Press Ctrl-C to stop/);

    const second = startScript('scripts/temporal-server.ts', env);
    const exit = await second.exited;

    expect(exit.code).toBe(1);
    expect(second.output()).toContain(`belongs to a running process (pid ${running.child.pid}`);
    expect(second.output()).toContain('stop that one first');
    expect(await portTaken(Number(env.TEMPORAL_PORT))).toBe(true);
    running.child.kill('SIGINT');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });
});
