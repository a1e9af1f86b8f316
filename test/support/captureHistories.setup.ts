/**
 * Jest setup for `npm run histories:capture` only (scripts/capture-histories.ts): notes when each
 * golden-path test (support/goldenHistories.ts) runs, and after the file writes the history of
 * every workflow run started meanwhile into test/histories/<path>/<type>-<n>.json.gz. Tests run one
 * file at a time on a fresh dev server, so what started during a test is that test's.
 * The run's payloads are encrypted with a key ring that dies with the run, so each history is
 * written decoded (temporal/historyPayloads.ts): as if recorded in clear, which the codec passes
 * through on replay. The made-up people of the test factories are all it holds.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { Client, Connection } from '@temporalio/client';
import { historyFileSuffix, writeHistoryFile } from '../../temporal/historyFiles';
import { decodeHistoryPayloads } from '../../temporal/historyPayloads';
import type { GoldenPath } from './goldenHistories';
import { goldenPathOf, historiesDir } from './goldenHistories';
import { testEnvironment } from './environment';

interface Window {
  path: GoldenPath;
  from: number;
  to: number;
}

const windows: Window[] = [];
let current: Window | undefined;

beforeEach(() => {
  const { testPath, currentTestName } = expect.getState();
  const golden = goldenPathOf(testPath ?? '', currentTestName ?? '');
  current = golden ? { path: golden, from: Date.now(), to: Number.POSITIVE_INFINITY } : undefined;
  if (current) windows.push(current);
});

afterEach(() => {
  if (current) current.to = Date.now();
  current = undefined;
});

async function listAll(client: Client): Promise<WorkflowExecutionInfo[]> {
  const all: WorkflowExecutionInfo[] = [];
  for await (const wf of client.workflow.list()) all.push(wf);
  return all;
}

/** Visibility trails the server a little: list until two listings a second apart agree. */
async function settledListing(client: Client): Promise<WorkflowExecutionInfo[]> {
  let previous = await listAll(client);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = await listAll(client);
    if (next.length === previous.length) return next;
    previous = next;
  }
}

afterAll(async () => {
  if (windows.length === 0) return;
  const env = testEnvironment();
  const connection = await Connection.connect({ address: env.temporalAddress });
  const client = new Client({ connection, namespace: env.namespace, dataConverter: env.dataConverter });
  const codecs = env.dataConverter.payloadCodecs ?? [];
  try {
    const runs = (await settledListing(client)).sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    for (const window of windows) {
      const mine = runs.filter((r) => r.startTime.getTime() >= window.from && r.startTime.getTime() <= window.to);
      const dir = path.join(historiesDir, window.path.name);
      mkdirSync(dir, { recursive: true });
      const counts = new Map<string, number>();
      for (const run of mine) {
        const n = (counts.get(run.type) ?? 0) + 1;
        counts.set(run.type, n);
        const encrypted = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
        const history = await decodeHistoryPayloads(encrypted, codecs);
        writeHistoryFile(path.join(dir, `${run.type}-${n}${historyFileSuffix}`), history);
      }
      console.log(`[capture] ${window.path.name}: ${mine.map((r) => r.type).join(', ') || 'no workflows'}`);
    }
  } finally {
    await connection.close();
  }
});
