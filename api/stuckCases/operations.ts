/**
 * What the stuck-case view and the supervisor's actions ask of Temporal: scan running cases (and
 * household applications and payment cycles) in an org through visibility, describe them, read a
 * failing workflow task's cause from history, send a retrying activity to try again now, send held
 * writes to run again, reset a run to its last good workflow task, terminate a run.
 *
 * Cost of one scan page (GET /api/supervision/stuck): 1 ListWorkflowExecutions (page of `limit`
 * running cases, at most stuckCaseSettings.maxScanPageSize) + `limit` DescribeWorkflowExecution
 * (describeConcurrency at a time) + 1 GetWorkflowExecutionHistoryReverse page per case whose workflow
 * task is failing (rare; at most `limit`). Visibility on Temporal 1.29 cannot filter on pending
 * activities (TemporalReportedProblems does not exist before 1.30), so every running case in scope
 * is a candidate and the scan pages through them with visibility's own next-page token.
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { decodeValue, encodeValue, failureMessage } from '../../temporal/rawPayloads';
import { retryBlockedWritesSignal } from '../../workflows/blockedWrites';
import { CaseCounty, CaseProgram, CaseTownship } from '../../workflows/searchAttributes';
import type { Caller } from '../http/identity';
import { Conflict, NotFound } from '../http/errors';
import type { DescribedRun, WorkflowTaskFailure } from './reading';
import {
  heldWriteProblems,
  stuckCandidatesQuery,
  stuckProblems,
  stuckWorkflowType,
  workflowTaskFailingAttempt,
} from './reading';
import type { ActivityRetrying, StuckCaseSettings, StuckProblem, StuckWorkflowType } from './schemas';
import { stuckCaseSettings } from './schemas';
import { temporalReach } from '../http/temporalReach';
import { caseSubject, translateTemporalError } from '../http/temporalErrors';

/** One described case workflow: its place (from search attributes) and what is failing in it. */
export interface DescribedCase {
  caseId: string;
  workflowType: StuckWorkflowType;
  runId: string;
  running: boolean;
  status: string;
  program: string | null;
  county: string | null;
  township: string | null;
  startedAt: string | null;
  problems: StuckProblem[];
}

/** How many history events to read backwards for the last good / last failed workflow task. */
const HISTORY_PAGE = 100;
const HISTORY_PAGES = 3;

type ResetRequest = Parameters<Client['workflowService']['resetWorkflowExecution']>[0];

interface HistoryMarks {
  /** Kept as the proto's int64, which is what a reset request takes back. */
  lastCompletedTaskEventId: ResetRequest['workflowTaskFinishEventId'] | undefined;
  lastTaskFailure: WorkflowTaskFailure | undefined;
  terminatedBy: { reason: string; identity: string } | undefined;
}

/** What history shows in clear of a supervisor's termination. */
export const TERMINATION_REASON_IN_DETAILS = 'terminated by a supervisor through the Yilian API; reason in the details';

export function createStuckCaseOperations(client: Client, settings: StuckCaseSettings = stuckCaseSettings) {
  const namespace = client.options.namespace;
  const service = client.workflowService;
  const reach = temporalReach(client);
  const converter = client.options.loadedDataConverter;

  /** The run with its activities' last failure messages decrypted: raw, they read "Encoded failure". */
  async function readableRun(run: DescribedRun): Promise<DescribedRun> {
    const pendingActivities = await Promise.all(
      (run.pendingActivities ?? []).map(async (activity) =>
        activity.lastFailure
          ? {
              ...activity,
              lastFailure: { ...activity.lastFailure, message: await failureMessage(activity.lastFailure, converter) },
            }
          : activity
      )
    );
    return { pendingActivities, pendingWorkflowTask: run.pendingWorkflowTask };
  }

  /** Newest events first: the last completed workflow task, the failure after it, a termination. */
  async function historyMarks(caseId: string, runId: string): Promise<HistoryMarks> {
    const marks: HistoryMarks = {
      lastCompletedTaskEventId: undefined,
      lastTaskFailure: undefined,
      terminatedBy: undefined,
    };
    let nextPageToken: Uint8Array | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const response = await service.getWorkflowExecutionHistoryReverse({
        namespace,
        execution: { workflowId: caseId, runId },
        maximumPageSize: HISTORY_PAGE,
        nextPageToken,
      });
      for (const event of response.history?.events ?? []) {
        const terminated = event.workflowExecutionTerminatedEventAttributes;
        if (terminated && !marks.terminatedBy) {
          // Ours carry the supervisor's words encrypted in the details; one terminated otherwise has only its reason.
          const [words] = terminated.details?.payloads ?? [];
          const reason = words ? await decodeValue(words, converter) : terminated.reason;
          marks.terminatedBy = {
            reason: typeof reason === 'string' ? reason : '',
            identity: terminated.identity ?? '',
          };
        }
        const failed = event.workflowTaskFailedEventAttributes;
        if (failed && !marks.lastTaskFailure) {
          const message = await failureMessage(failed.failure, converter);
          marks.lastTaskFailure = { cause: failed.cause, message, failedAt: event.eventTime };
        }
        if (event.workflowTaskCompletedEventAttributes && event.eventId) {
          marks.lastCompletedTaskEventId = event.eventId;
          return marks;
        }
      }
      if (!response.nextPageToken?.length) return marks;
      nextPageToken = response.nextPageToken;
    }
    return marks;
  }

  function described(
    description: WorkflowExecutionDescription,
    workflowType: StuckWorkflowType,
    problems: StuckProblem[]
  ): DescribedCase {
    const attributes = description.typedSearchAttributes;
    return {
      caseId: description.workflowId,
      workflowType,
      runId: description.runId,
      running: description.status.name === 'RUNNING',
      status: description.status.name,
      program: attributes.get(CaseProgram) ?? null,
      county: attributes.get(CaseCounty) ?? null,
      township: attributes.get(CaseTownship) ?? null,
      startedAt: description.startTime.toISOString(),
      problems,
    };
  }

  /** The workflow's current run (a case, a household, a payment cycle), or NotFound for any other id. */
  async function describeOne(caseId: string): Promise<DescribedCase> {
    let description: WorkflowExecutionDescription;
    try {
      description = await client.workflow.getHandle(caseId).describe();
    } catch (error) {
      throw translateTemporalError(error, caseSubject);
    }
    const workflowType = stuckWorkflowType(description.type);
    if (workflowType === undefined) throw new NotFound('未找到该案件，请核对案件编号');
    const taskFailing = workflowTaskFailingAttempt(description.raw) !== undefined;
    const failure = taskFailing ? (await historyMarks(caseId, description.runId)).lastTaskFailure : undefined;
    return described(description, workflowType, [
      ...stuckProblems(await readableRun(description.raw), settings.minActivityAttempts.value, failure),
      ...heldWriteProblems(description.memo),
    ]);
  }

  async function describeCase(caseId: string): Promise<DescribedCase> {
    await reach.reachable();
    return describeOne(caseId);
  }

  /** Describes many cases, a few at a time; a case that closed meanwhile is simply left out. */
  async function describeAll(caseIds: string[]): Promise<DescribedCase[]> {
    const out: (DescribedCase | undefined)[] = new Array<DescribedCase | undefined>(caseIds.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < caseIds.length) {
        const i = next;
        next += 1;
        out[i] = await describeOne(caseIds[i]!).catch((error: unknown) => {
          if (error instanceof NotFound) return undefined;
          throw error;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.describeConcurrency.value, caseIds.length) }, lane));
    return out.filter((c): c is DescribedCase => c !== undefined);
  }

  /** One page of the scan: running cases under the org, described; only the failing ones returned. */
  async function scan(org: string, limit: number, pageToken: Uint8Array | undefined) {
    const pageSize = Math.min(limit, settings.maxScanPageSize.value);
    await reach.reachable();
    const page = await service
      .listWorkflowExecutions({ namespace, query: stuckCandidatesQuery(org), pageSize, nextPageToken: pageToken })
      .catch((error: unknown) => {
        throw translateTemporalError(error, caseSubject);
      });
    const ids = (page.executions ?? []).map((e) => e.execution?.workflowId).filter((id): id is string => !!id);
    const cases = await describeAll(ids.slice(0, pageSize));
    return {
      scanned: ids.length,
      stuck: cases.filter((c) => c.running && c.problems.length > 0),
      nextPageToken: page.nextPageToken?.length ? page.nextPageToken : undefined,
    };
  }

  /** Sends each retrying activity to try again now, its attempt count back at 1. */
  async function retryActivities(target: DescribedCase, activities: ActivityRetrying[], caller: Caller) {
    for (const activity of activities) {
      // ResetActivity (server ≥ 1.27): a retry in back-off is rescheduled at once; a running attempt
      // is left to finish. Unlike a workflow reset it leaves history and the run as they are. The SDK's
      // proto calls it deprecated in favour of ResetActivityExecution, which server 1.29 does not serve.
      await service.resetActivity({
        namespace,
        execution: { workflowId: target.caseId, runId: target.runId },
        id: activity.activityId,
        identity: identityOf(caller),
        resetHeartbeat: false,
        keepPaused: false,
        restoreOriginalOptions: false,
      });
    }
  }

  /** Sends the writes the workflow holds to run again; the signal lands whatever the run's state. */
  async function retryHeldWrites(target: DescribedCase): Promise<void> {
    await client.workflow.getHandle(target.caseId, target.runId).signal(retryBlockedWritesSignal);
  }

  /**
   * Resets the run to its last completed workflow task. The failed task's commands never reached
   * history, so nothing the case did is undone; signals and updates after the point are reapplied
   * (server default). Returns the new run id.
   */
  async function resetToLastGoodTask(target: DescribedCase, caller: Caller, reason: string): Promise<string> {
    const { lastCompletedTaskEventId } = await historyMarks(target.caseId, target.runId);
    if (lastCompletedTaskEventId === undefined || lastCompletedTaskEventId === null) {
      throw new Conflict('该案件流程尚无成功处理的步骤，无法重置；请修复后等待系统自动重试或终止该案件');
    }
    const { runId } = await service.resetWorkflowExecution({
      namespace,
      workflowExecution: { workflowId: target.caseId, runId: target.runId },
      reason,
      workflowTaskFinishEventId: lastCompletedTaskEventId,
      requestId: randomUUID(),
      identity: identityOf(caller),
    });
    return runId ?? target.runId;
  }

  /**
   * Terminates the run; a run that has closed meanwhile is a conflict, not a crash. The supervisor's
   * reason may name the household, and a termination's `reason` is plain text in history: it travels
   * in the details, a payload the codec encrypts, and the plain field says only where it is.
   */
  async function terminate(target: DescribedCase, caller: Caller, reason: string): Promise<void> {
    try {
      await service.terminateWorkflowExecution({
        namespace,
        workflowExecution: { workflowId: target.caseId, runId: target.runId },
        reason: TERMINATION_REASON_IN_DETAILS,
        details: { payloads: [await encodeValue(reason, converter)] },
        identity: identityOf(caller),
      });
    } catch (error) {
      if (/not found|already completed/i.test(error instanceof Error ? error.message : '')) {
        throw new Conflict('该案件流程已结束，无法终止');
      }
      throw error;
    }
  }

  /** Who terminated a closed run, when it was terminated by a supervisor through this API. */
  async function terminatedBySupervisor(target: DescribedCase): Promise<{ actor: Caller; reason: string } | undefined> {
    if (target.status !== 'TERMINATED') return undefined;
    const { terminatedBy } = await historyMarks(target.caseId, target.runId);
    const actor = terminatedBy ? callerOfIdentity(terminatedBy.identity) : undefined;
    return actor && terminatedBy ? { actor, reason: terminatedBy.reason } : undefined;
  }

  return {
    settings,
    describeCase,
    scan,
    retryActivities,
    retryHeldWrites,
    resetToLastGoodTask,
    terminate,
    terminatedBySupervisor,
  };
}

export type StuckCaseOperations = ReturnType<typeof createStuckCaseOperations>;

const IDENTITY_PREFIX = 'yilian-supervision ';

/** The supervisor behind an operation, in Temporal's identity field (shown in the UI and history). */
function identityOf(caller: Caller): string {
  return `${IDENTITY_PREFIX}${JSON.stringify({ userId: caller.userId, role: caller.role, org: caller.org })}`;
}

function callerOfIdentity(identity: string): Caller | undefined {
  if (!identity.startsWith(IDENTITY_PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(identity.slice(IDENTITY_PREFIX.length)) as Partial<Caller>;
    if (parsed.role !== 'supervisor' || !parsed.userId || !parsed.org) return undefined;
    return { userId: parsed.userId, role: parsed.role, org: parsed.org };
  } catch {
    return undefined;
  }
}
