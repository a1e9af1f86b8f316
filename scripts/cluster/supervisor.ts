/**
 * Runs one process of the cluster and restarts it by its policy, as Docker or systemd would: its
 * output goes to ours line by line with its name in front, and it gets a process group of its own, so
 * Ctrl-C in the terminal reaches only the launcher, which then stops the processes in order.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { ClusterProcess } from './topology';

export interface ProcessSpec {
  name: string;
  executable: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  restart: ClusterProcess['restart'];
}

export interface SupervisedProcess {
  name: string;
  /** The current incarnation's pid; undefined while it waits to be restarted. */
  pid(): number | undefined;
  /** Called with each new incarnation's pid (the first start included). */
  onStart(listener: (pid: number) => void): void;
  /** Stops it for good: SIGTERM, then SIGKILL after `graceMs`. Says how the last incarnation ended. */
  stop(graceMs: number): Promise<ProcessExit>;
}

export interface ProcessExit {
  name: string;
  /** null when a signal ended it (or it was not running). */
  code: number | null;
  signal: NodeJS.Signals | null;
}

const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 15_000;
/** An incarnation that ran this long was healthy: the next crash restarts it quickly again. */
const HEALTHY_AFTER_MS = 60_000;

/** Every process any supervisor started, killed outright should the launcher exit without stopping them. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

export function supervise(spec: ProcessSpec, log: (message: string) => void): SupervisedProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let delay = FIRST_RESTART_DELAY_MS;
  let restartTimer: NodeJS.Timeout | undefined;
  let exited: Promise<ProcessExit> = Promise.resolve({ name: spec.name, code: 0, signal: null });
  const listeners: ((pid: number) => void)[] = [];

  const start = (): void => {
    const startedAt = Date.now();
    const current = spawn(spec.executable, spec.args, {
      env: spec.env,
      cwd: spec.cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = current;
    live.add(current);
    forwardLines(current, spec.name);
    exited = new Promise((resolve) => {
      current.on('error', (error) => {
        log(`${spec.name}: could not start ${spec.executable}: ${error.message}`);
        if (current.pid === undefined) resolve({ name: spec.name, code: null, signal: null });
      });
      current.on('exit', (code, signal) => {
        live.delete(current);
        if (child === current) child = undefined;
        resolve({ name: spec.name, code, signal });
        if (stopping) return;
        const failed = code !== 0;
        if (spec.restart === 'on-failure' && !failed) {
          log(`${spec.name} exited (code 0); not restarted`);
          return;
        }
        if (Date.now() - startedAt > HEALTHY_AFTER_MS) delay = FIRST_RESTART_DELAY_MS;
        log(`${spec.name} exited (${signal ?? `exit code ${code}`}); restarting in ${delay / 1000} s`);
        restartTimer = setTimeout(start, delay);
        delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
      });
    });
    if (current.pid !== undefined) for (const listener of listeners) listener(current.pid);
  };
  start();

  return {
    name: spec.name,
    pid: () => child?.pid,
    onStart: (listener) => {
      listeners.push(listener);
      if (child?.pid !== undefined) listener(child.pid);
    },
    async stop(graceMs) {
      stopping = true;
      clearTimeout(restartTimer);
      const current = child;
      // Between a crash and its restart: it is already down.
      if (current === undefined) return { name: spec.name, code: 0, signal: null };
      killGroup(current, 'SIGTERM');
      const cutOff = setTimeout(() => {
        log(`${spec.name} did not stop within ${graceMs / 1000} s; killing it`);
        killGroup(current, 'SIGKILL');
      }, graceMs);
      const exit = await exited;
      clearTimeout(cutOff);
      return exit;
    },
  };
}

/** Prefixes each output line with the process name; the pipes must be drained either way. */
function forwardLines(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') process.stdout.write(`[${name}] ${line}\n`);
    });
    stream?.on('end', () => {
      if (partial.trim() !== '') process.stdout.write(`[${name}] ${partial}\n`);
    });
  }
}

/** The whole group: tsx runs the script in a child process of its own. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
