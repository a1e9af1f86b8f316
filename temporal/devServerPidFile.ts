/**
 * The pid file of a persistent dev server, kept next to its SQLite file. The server runs in its own
 * process group, so when the process that started it is killed outright (SIGKILL, OOM, a closed
 * terminal) it lives on, holding its ports and the state file. The next start reads this file and
 * ends such an orphan, and only such an orphan: the pid must still run `temporal server start-dev`
 * on the same state file, and the process that started it must be gone.
 */
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const pidFileSchema = z.object({ serverPid: z.number().int().positive(), ownerPid: z.number().int().positive() });
type PidFileContent = z.infer<typeof pidFileSchema>;

/** How long an orphan gets to shut down cleanly (flushing its SQLite file) before it is killed. */
const GRACEFUL_MS = 10_000;
/** After SIGKILL the kernel frees the ports at once; waiting longer only hides a process we cannot end. */
const FORCED_MS = 5_000;
const POLL_MS = 100;

const execFileAsync = promisify(execFile);

/** Records the server and its owner: this process, unless told otherwise (a test playing a dead owner). */
export async function writePidFile(file: string, serverPid: number, ownerPid = process.pid): Promise<void> {
  const content: PidFileContent = { serverPid, ownerPid };
  await writeFile(file, `${JSON.stringify(content)}\n`);
}

/** Removes the file if it still names this server (a newer start may have replaced it). */
export async function removePidFile(file: string, serverPid: number): Promise<void> {
  if ((await readPidFile(file))?.serverPid === serverPid) await rm(file, { force: true });
}

/**
 * Ends the server a previous start left behind on `dbFile`, if any; removes a stale file. Refuses
 * when the process that started that server still runs: that is another live stack, not an orphan.
 */
export async function reclaimOrphanedServer(file: string, dbFile: string, log: (m: string) => void): Promise<void> {
  const recorded = await readPidFile(file);
  if (recorded === undefined) return;
  if (!isDevServerOn(await commandLineOf(recorded.serverPid), dbFile)) {
    await rm(file, { force: true });
    return;
  }
  const owner = await commandLineOf(recorded.ownerPid);
  // A Node process under that pid is taken for the owner; a pid reused by another program is not.
  const ownerRuns = owner !== undefined && owner.some((arg) => path.basename(arg).startsWith('node'));
  if (recorded.ownerPid !== process.pid && ownerRuns) {
    throw new Error(
      `The Temporal dev server on ${dbFile} (pid ${recorded.serverPid}) belongs to a running process ` +
        `(pid ${recorded.ownerPid}: ${owner?.join(' ').slice(0, 120)}); stop that one first (Ctrl-C)`
    );
  }
  log(`Ending the Temporal dev server a previous start left running (pid ${recorded.serverPid})`);
  const pid = recorded.serverPid;
  if (!(await endProcessGroup(pid, 'SIGTERM', GRACEFUL_MS))) {
    log(`  it did not stop within ${GRACEFUL_MS / 1000} s; killing it`);
    await endProcessGroup(pid, 'SIGKILL', FORCED_MS);
  }
  await rm(file, { force: true });
}

async function readPidFile(file: string): Promise<PidFileContent | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = pidFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Signals the group (the process was started as its leader) and waits until the leader is gone. */
export async function endProcessGroup(pid: number, signal: NodeJS.Signals, waitMs: number): Promise<boolean> {
  try {
    process.kill(-pid, signal);
  } catch {
    return true; // already gone
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    if (await hasExited(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return false;
}

/**
 * Gone, or a zombie whose threads have all ended: only then are its sockets closed. Neither "its
 * command line is empty" nor "its main thread is a zombie" will do: in a multi-threaded (Go)
 * process both happen while other threads still hold the files, and with them the ports.
 */
async function hasExited(pid: number): Promise<boolean> {
  let status: string;
  try {
    status = await readFile(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux') return true;
    try {
      const { stdout } = await execFileAsync('ps', ['-o', 'stat=', '-p', String(pid)]);
      return stdout.trim() === '' || stdout.trim().startsWith('Z');
    } catch {
      return true; // ps exits non-zero for a pid that does not exist
    }
  }
  const zombie = /^State:\s+[ZX]/m.test(status);
  return zombie && /^Threads:\s+1$/m.test(status);
}

function isDevServerOn(args: string[] | undefined, dbFile: string): boolean {
  if (args === undefined) return false;
  const db = args.indexOf('--db-filename');
  return args.includes('server') && args.includes('start-dev') && db >= 0 && args[db + 1] === dbFile;
}

/** A process's arguments; undefined when there is no such process. Linux reads /proc, others ask `ps`. */
export async function commandLineOf(pid: number): Promise<string[] | undefined> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((arg) => arg !== '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux') return undefined;
  }
  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'args=', '-p', String(pid)]);
    // ps joins the arguments with spaces; paths with spaces are rare enough in a dev setup.
    return stdout.trim() === '' ? undefined : stdout.trim().split(/\s+/);
  } catch {
    return undefined;
  }
}
