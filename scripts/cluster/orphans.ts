/**
 * The cluster's processes run in process groups of their own (so Ctrl-C reaches only the launcher,
 * which stops them in order). When the launcher is killed outright they live on, holding their
 * ports. The launcher records them in a state file; the next start reads it and ends those left
 * behind — only processes still running one of this repository's programs or the Temporal server,
 * and only when the launcher that started them is gone.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { commandLineOf, endProcessGroup } from '../../temporal/devServerPidFile';

export const clusterStateSchema = z.object({
  launcherPid: z.number().int().positive(),
  pids: z.record(z.string(), z.number().int().positive()),
});

export type ClusterState = z.infer<typeof clusterStateSchema>;

const GRACEFUL_MS = 15_000;
const FORCED_MS = 5_000;

export async function reclaimOrphans(
  stateFile: string,
  ours: { repoRoot: string; serverBinary: string },
  log: (message: string) => void
): Promise<void> {
  const state = await readState(stateFile);
  if (state === undefined) return;
  const launcher = await commandLineOf(state.launcherPid);
  if (state.launcherPid !== process.pid && launcher?.some((arg) => arg.includes('start-cluster'))) {
    throw new Error(
      `A cluster started by pid ${state.launcherPid} is still running (${stateFile}); stop it first (Ctrl-C or SIGTERM)`
    );
  }
  // The reverse of the start order, as a clean stop goes: the proxy first, the server last.
  for (const [name, pid] of Object.entries(state.pids).reverse()) {
    const args = await commandLineOf(pid);
    const isOurs = args?.some((arg) => arg === ours.serverBinary || arg.startsWith(`${ours.repoRoot}${path.sep}`));
    if (!isOurs) continue;
    log(`ending ${name} (pid ${pid}), left running by a cluster launcher that was killed`);
    if (!(await endProcessGroup(pid, 'SIGTERM', GRACEFUL_MS))) await endProcessGroup(pid, 'SIGKILL', FORCED_MS);
  }
  await rm(stateFile, { force: true });
}

async function readState(file: string): Promise<ClusterState | undefined> {
  try {
    const parsed = clusterStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
