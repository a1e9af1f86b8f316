/**
 * The replay gate: runs recorded workflow histories against the current workflow code with
 * `Worker.runReplayHistories` and reports every run whose code no longer makes the same commands
 * (a nondeterminism error) or fails to replay. Used by the golden-history test and by
 * `npm run replay` against a live server before a deploy (docs/change-safety.md).
 */
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { ReplayWorkerOptions } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import * as registeredWorkflows from '../workflows';
import { buildWorkflowBundle } from '../worker/workflowBundle';
import type { HistoryMessage } from './historyFiles';

/** The workflow types the worker registers: every one needs a golden history. */
export const registeredWorkflowTypes: readonly string[] = Object.keys(registeredWorkflows).sort();

export interface HistoryToReplay {
  /** What the report calls it: a file name, or workflow id and run id. */
  label: string;
  workflowType: string;
  history: HistoryMessage;
}

export interface ReplayFailure {
  label: string;
  workflowType: string;
  error: string;
}

export interface ReplaySummary {
  replayed: number;
  failures: ReplayFailure[];
}

/**
 * The workflow code to replay against (a pre-built bundle, or bundled now exactly as workers bundle
 * it, shared modules and all) and the data converter that decrypts the histories' payloads: the
 * workers' own (temporal/dataConverter.ts). Histories recorded in clear replay through it unchanged.
 */
export async function replayCode(
  dataConverter: DataConverter,
  workflowBundlePath?: string
): Promise<ReplayWorkerOptions> {
  return workflowBundlePath
    ? { dataConverter, workflowBundle: { codePath: workflowBundlePath } }
    : { dataConverter, workflowBundle: { code: await buildWorkflowBundle() } };
}

/** Replays one batch with a single replay worker; every history gets a result. */
export async function replayBatch(
  code: ReplayWorkerOptions,
  batch: readonly HistoryToReplay[]
): Promise<ReplaySummary> {
  const byLabel = new Map(batch.map((h) => [h.label, h]));
  const failures: ReplayFailure[] = [];
  let replayed = 0;
  const inputs = batch.map((h) => ({ workflowId: h.label, history: h.history }));
  for await (const result of Worker.runReplayHistories({ ...code, replayName: 'yilian-replay' }, inputs)) {
    replayed += 1;
    if (result.error) {
      failures.push({
        label: result.workflowId,
        workflowType: byLabel.get(result.workflowId)?.workflowType ?? 'unknown',
        error: result.error.message,
      });
    }
  }
  return { replayed, failures };
}

export interface ServerReplayOptions {
  /** Closed runs are replayed if they closed within this many days; running ones always. */
  closedWithinDays: number;
  batchSize: number;
  workflowBundlePath?: string;
  now?: Date;
  /** Narrows the listing further (e.g. one task queue in a test), ANDed with the rest. */
  extraQuery?: string;
  onBatch?: (summary: ReplaySummary) => void;
}

export function serverReplayQuery(
  options: Pick<ServerReplayOptions, 'closedWithinDays' | 'now' | 'extraQuery'>
): string {
  const since = new Date((options.now ?? new Date()).getTime() - options.closedWithinDays * 86_400_000);
  const types = registeredWorkflowTypes.map((t) => `'${t}'`).join(', ');
  const query = `WorkflowType IN (${types}) AND (ExecutionStatus = 'Running' OR CloseTime >= '${since.toISOString()}')`;
  return options.extraQuery ? `${query} AND ${options.extraQuery}` : query;
}

/**
 * Lists running and recently closed runs of Yilian's workflows, fetches each history and replays them
 * in batches, decrypting with the client's data converter (the histories come as the server holds them).
 */
export async function replayFromServer(client: Client, options: ServerReplayOptions): Promise<ReplaySummary> {
  const code = await replayCode(client.options.dataConverter, options.workflowBundlePath);
  const total: ReplaySummary = { replayed: 0, failures: [] };
  let batch: HistoryToReplay[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const summary = await replayBatch(code, batch);
    total.replayed += summary.replayed;
    total.failures.push(...summary.failures);
    options.onBatch?.(summary);
    batch = [];
  };
  for await (const run of client.workflow.list({ query: serverReplayQuery(options) })) {
    const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    batch.push({ label: `${run.workflowId} (run ${run.runId})`, workflowType: run.type, history });
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  return total;
}
