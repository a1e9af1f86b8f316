/**
 * Brings the topology (topology.ts) up on this machine and takes it down again: the Temporal
 * schema, the server, its namespace, then the workers, the API processes and the proxy, each role
 * waited for before the next; stopping goes in reverse. Used by `npm run start:cluster` and the cluster CI
 * job (`npm run test:cluster`). The application's database must be migrated before.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { ServerBinaries } from '../../temporal/serverBinaries';
import type { ClusterState } from './orphans';
import type { ProcessExit, SupervisedProcess } from './supervisor';
import { supervise } from './supervisor';
import { prepareNamespace } from './temporalNamespace';
import { prepareTemporalSchema } from './temporalSchema';
import type { ClusterProcess, ClusterSettings } from './topology';
import { checkServerPorts, clusterProcesses } from './topology';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const READY_TIMEOUT_MS = 180_000;
/** Our processes drain within the shutdown deadline of scripts/lib/shutdown.ts; the server needs less. */
const STOP_GRACE_MS: Record<ClusterProcess['role'], number> = {
  proxy: 15_000,
  api: 15_000,
  worker: 65_000,
  temporal: 20_000,
};

export interface RunningCluster {
  temporalAddress: string;
  proxyUrl: string;
  apiUrls: string[];
  processes: SupervisedProcess[];
  /** Stops everything in reverse start order (the proxy first, the server last); how each ended. */
  stop(): Promise<ProcessExit[]>;
}

export interface StartOptions {
  binaries: ServerBinaries;
  log: (message: string) => void;
  /**
   * A JSON file kept up to date with each process's current pid (its process group): for the next
   * start to end processes a killed launcher left behind (orphans.ts), and for tests that kill one.
   */
  stateFile?: string;
}

export async function startCluster(settings: ClusterSettings, options: StartOptions): Promise<RunningCluster> {
  const { log, binaries } = options;
  const processes: SupervisedProcess[] = [];
  const roleOf = new Map<SupervisedProcess, ClusterProcess['role']>();
  const pids: Record<string, number> = {};
  const stop = async (): Promise<ProcessExit[]> => {
    // Reverse order, each role at once: the proxy, the APIs, the workers, the server.
    const started = [...processes].reverse();
    const roles = [...new Set(started.map((p) => roleOf.get(p) as ClusterProcess['role']))];
    const exits: ProcessExit[] = [];
    for (const role of roles) {
      const group = started.filter((p) => roleOf.get(p) === role);
      exits.push(...(await Promise.all(group.map((p) => p.stop(STOP_GRACE_MS[role])))));
    }
    return exits;
  };
  checkServerPorts(settings.temporalPort);
  try {
    await prepareTemporalSchema(binaries.sqlTool, settings.temporalDatabase, log);
    const temporalAddress = `${settings.host}:${settings.temporalPort}`;
    // One role at a time, in start order; the processes of a role start side by side (each worker
    // spends seconds bundling the workflow code).
    const all = clusterProcesses(settings);
    for (const role of [...new Set(all.map((spec) => spec.role))]) {
      await Promise.all(
        all
          .filter((spec) => spec.role === role)
          .map(async (spec) => {
            const running = supervise(
              {
                ...commandOf(spec, binaries),
                env: { ...inherited(), ...spec.env },
                cwd: REPO_ROOT,
                name: spec.name,
                restart: spec.restart,
              },
              log
            );
            processes.push(running);
            roleOf.set(running, spec.role);
            running.onStart((pid) => {
              pids[spec.name] = pid;
              const state: ClusterState = { launcherPid: process.pid, pids };
              if (options.stateFile) void writeFile(options.stateFile, JSON.stringify(state, null, 2));
            });
            await waitUntilReady(spec, running, settings, log);
            log(`${spec.name} ready${spec.port === undefined ? '' : ` on ${settings.host}:${spec.port}`}`);
          })
      );
    }
    const urls = all.filter((p) => p.role === 'api').map((p) => `http://${settings.host}:${p.port}`);
    return {
      temporalAddress,
      proxyUrl: `http://${settings.host}:${settings.proxyPort}`,
      apiUrls: urls,
      processes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What every process inherits from the launcher besides the topology's own variables (sign-in
 * settings, PUBLIC_URL, …). Not PAYLOAD_KEYS: the topology hands the key ring over as
 * PAYLOAD_KEY_FILE, and a process given both refuses to start.
 */
function inherited(): NodeJS.ProcessEnv {
  const { PAYLOAD_KEYS: _keys, ...rest } = process.env;
  return rest;
}

/**
 * tsx scripts run as `node --import tsx`, one process whose pid is the worker's own: its poller
 * identity (pid@host) then names it, and a signal to it reaches the process that handles it.
 */
function commandOf(spec: ClusterProcess, binaries: ServerBinaries): { executable: string; args: string[] } {
  const [program, ...args] = spec.command;
  if (program === 'temporal-server') return { executable: binaries.server, args };
  if (program === 'tsx') {
    return { executable: process.execPath, args: ['--import', 'tsx', ...args.map((a) => path.join(REPO_ROOT, a))] };
  }
  throw new Error(`no native command for ${spec.command.join(' ')}`);
}

async function waitUntilReady(
  spec: ClusterProcess,
  running: SupervisedProcess,
  settings: ClusterSettings,
  log: (message: string) => void
): Promise<void> {
  const address = `${settings.host}:${settings.temporalPort}`;
  switch (spec.role) {
    case 'temporal':
      return prepareNamespace(address, settings.namespace, log, READY_TIMEOUT_MS);
    case 'worker':
      return poll(`${spec.name} polling ${settings.taskQueue}`, () => isPolling(address, settings, running.pid()));
    case 'api':
    case 'proxy':
      return poll(`${spec.name} answering on ${spec.port}`, () =>
        answers(`http://${settings.host}:${spec.port}/healthz`)
      );
  }
}

async function poll(what: string, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out after ${READY_TIMEOUT_MS / 1000} s waiting for ${what}`);
}

/** Any HTTP answer means the process listens; what /healthz thinks of its dependencies is its own business. */
async function answers(url: string): Promise<boolean> {
  await fetch(url, { signal: AbortSignal.timeout(2_000) });
  return true;
}

/** The SDK's default worker identity is `<pid>@<hostname>`; Temporal lists the task queue's pollers by it. */
async function isPolling(address: string, settings: ClusterSettings, pid: number | undefined): Promise<boolean> {
  if (pid === undefined) return false;
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: settings.namespace,
      taskQueue: { name: settings.taskQueue },
    });
    return (pollers ?? []).some((poller) => poller.identity === `${pid}@${os.hostname()}`);
  } finally {
    await connection.close();
  }
}
