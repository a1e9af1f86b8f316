/**
 * Makes a freshly started Temporal server usable by the worker and the API: waits until its frontend
 * answers, registers the namespace when it is missing (the real server, unlike the dev server, starts
 * with none) and the case search attributes (temporal/registerSearchAttributes.ts, as for any external
 * cluster), then waits until the namespace serves workflow calls. Safe to run on every start.
 */
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureSearchAttributes } from '../../temporal/registerSearchAttributes';
import { untilTemporalReady } from '../../temporal/untilReady';

/**
 * How long Temporal keeps a closed case's history. The case's record of its own lives on in
 * PostgreSQL (read model, audit trail); this only bounds what Temporal's UI and replay can show.
 */
const RETENTION_DAYS = 30;

export async function prepareNamespace(
  address: string,
  namespace: string,
  log: (message: string) => void,
  timeoutMs = 120_000
): Promise<void> {
  await untilTemporalReady(
    address,
    {
      timeoutMs,
      attemptMs: 10_000,
      pauseMs: 500,
      what: `Temporal at ${address} not ready with namespace ${namespace}`,
    },
    async (conn) => {
      await conn.workflowService.getSystemInfo({});
      if (await registerIfMissing(conn, namespace)) log(`registered the Temporal namespace ${namespace}`);
      const added = await ensureSearchAttributes(conn, namespace);
      if (added.length > 0) log(`registered search attributes: ${added.join(', ')}`);
      // Goes through the frontend's namespace cache, which learns of a new namespace a few seconds late.
      await conn.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
    }
  );
}

/** True when it registered the namespace; another process registering it first counts as present. */
async function registerIfMissing(connection: Connection, namespace: string): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return false;
  } catch (error) {
    if (!isGrpcCode(error, 5 /* NOT_FOUND */)) throw error;
  }
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(`${RETENTION_DAYS} days`),
    });
    return true;
  } catch (error) {
    if (isGrpcCode(error, 6 /* ALREADY_EXISTS */)) return false;
    throw error;
  }
}

function isGrpcCode(error: unknown, code: number): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
