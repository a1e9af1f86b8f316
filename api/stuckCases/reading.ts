/**
 * What "stuck" means in Temporal's terms, read from a DescribeWorkflowExecution answer: an activity
 * the server keeps retrying (attempt ≥ N), or a workflow task that fails again and again (attempt > 1;
 * the server writes a WorkflowTaskFailed event for the first failure only, so its cause is read from
 * history by the caller and passed in), or a write the database refused for good, which the workflow
 * holds and publishes in its memo. Also the visibility query that finds candidates in an org.
 * Pure: no I/O, so the mapping is unit-tested on plain describe answers.
 */
import type { WorkflowExecutionDescription } from '@temporalio/client';
// The enum tables name the server's states and causes; the proto package ships with the client.
import { temporal } from '@temporalio/proto';
import { BLOCKED_WRITES_MEMO, blockedWriteSchema } from '../../workflows/blockedWrites';
import { CaseCounty, CaseTownship } from '../../workflows/searchAttributes';
import type {
  ActivityRetrying,
  StuckProblem,
  StuckWorkflowType,
  WorkflowTaskFailing,
  WriteRefusedProblem,
} from './schemas';
import { stuckWorkflowTypeSchema } from './schemas';

type RawDescription = WorkflowExecutionDescription['raw'];
/** The parts of a describe answer that tell whether a run is failing. */
export type DescribedRun = Pick<RawDescription, 'pendingActivities' | 'pendingWorkflowTask'>;
type Timestamp = { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined;

/** The first WorkflowTaskFailed event after the last good task, as history has it. */
export interface WorkflowTaskFailure {
  cause: number | null | undefined;
  message: string | null | undefined;
  failedAt: Timestamp;
}

/** Protobuf Timestamp (int64 seconds as Long or number) → ISO instant. */
export function instantOf(ts: Timestamp): string | null {
  if (ts === null || ts === undefined || ts.seconds === null || ts.seconds === undefined) return null;
  const ms = Number(ts.seconds.toString()) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
  return ms > 0 ? new Date(ms).toISOString() : null;
}

/** PENDING_ACTIVITY_STATE_SCHEDULED → scheduled, PAUSE_REQUESTED → pauseRequested. */
function activityStateName(state: number | null | undefined): string {
  const name = temporal.api.enums.v1.PendingActivityState[state ?? 0] ?? 'PENDING_ACTIVITY_STATE_UNSPECIFIED';
  return name
    .replace('PENDING_ACTIVITY_STATE_', '')
    .toLowerCase()
    .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function workflowTaskCauseName(cause: number | null | undefined): string | null {
  if (cause === null || cause === undefined || cause === 0) return null;
  const name = temporal.api.enums.v1.WorkflowTaskFailedCause[cause];
  return name ? name.replace('WORKFLOW_TASK_FAILED_CAUSE_', '') : `CAUSE_${cause}`;
}

/** Activities on attempt ≥ minAttempts: each has failed at least minAttempts − 1 times in a row. */
export function retryingActivities(run: DescribedRun, minAttempts: number): ActivityRetrying[] {
  return (run.pendingActivities ?? [])
    .filter((a) => (a.attempt ?? 0) >= minAttempts)
    .map((a) => ({
      kind: 'activityRetrying' as const,
      activityId: a.activityId ?? '',
      activityType: a.activityType?.name ?? '',
      state: activityStateName(a.state),
      attempt: a.attempt ?? 0,
      // 0 is Temporal's "no limit".
      maximumAttempts: a.maximumAttempts ? a.maximumAttempts : null,
      lastFailure: a.lastFailure
        ? {
            message: a.lastFailure.message ?? '',
            type: a.lastFailure.applicationFailureInfo?.type ?? null,
          }
        : null,
      lastAttemptAt: instantOf(a.lastAttemptCompleteTime) ?? instantOf(a.lastStartedTime),
      nextAttemptAt: instantOf(a.nextAttemptScheduleTime),
    }));
}

/** Whether the workflow task is being retried: attempt 1 is a normal task, 2 and up follow failures. */
export function workflowTaskFailingAttempt(run: DescribedRun): number | undefined {
  const attempt = run.pendingWorkflowTask?.attempt ?? 0;
  return attempt > 1 ? attempt : undefined;
}

export function stuckProblems(
  run: DescribedRun,
  minAttempts: number,
  taskFailure?: WorkflowTaskFailure
): StuckProblem[] {
  const problems: StuckProblem[] = [];
  const taskAttempt = workflowTaskFailingAttempt(run);
  if (taskAttempt !== undefined) {
    const failing: WorkflowTaskFailing = {
      kind: 'workflowTaskFailing',
      attempt: taskAttempt,
      cause: workflowTaskCauseName(taskFailure?.cause),
      message: taskFailure?.message || null,
      failedAt: instantOf(taskFailure?.failedAt),
    };
    problems.push(failing);
  }
  problems.push(...retryingActivities(run, minAttempts));
  return problems;
}

/** Writes the workflow holds after the database refused them for good, as its memo publishes them. */
export function heldWriteProblems(memo: Record<string, unknown> | undefined): WriteRefusedProblem[] {
  const held = blockedWriteSchema.array().safeParse(memo?.[BLOCKED_WRITES_MEMO]);
  if (!held.success) return [];
  return held.data.map((w) => ({
    kind: 'writeRefused' as const,
    activityType: w.activityType,
    sqlState: w.sqlState,
    condition: w.condition,
    message: w.message,
    failedAt: Number.isNaN(Date.parse(w.failedAt)) ? null : new Date(w.failedAt).toISOString(),
  }));
}

/** The workflow types that can be stuck, or undefined for another type (not ours to show). */
export function stuckWorkflowType(type: string): StuckWorkflowType | undefined {
  const parsed = stuckWorkflowTypeSchema.safeParse(type);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Running case, household and payment-cycle workflows under an org, from the search attributes each
 * sets at start (a cycle has a county only, so only county-level orgs find it). Org codes are
 * digits only (validated upstream), so they are safe inside the quoted literal. Visibility knows no
 * village, so a village-level org is narrowed to its township here and to the village afterwards.
 */
export function stuckCandidatesQuery(org: string): string {
  const scope =
    org.length < 6
      ? `${CaseCounty.name} STARTS_WITH '${org}'`
      : org.length === 6
        ? `${CaseCounty.name} = '${org}'`
        : `${CaseTownship.name} = '${org.slice(0, 9)}'`;
  const types = stuckWorkflowTypeSchema.options.map((t) => `'${t}'`).join(', ');
  return `WorkflowType IN (${types}) AND ExecutionStatus = 'Running' AND ${scope}`;
}

/**
 * Whether a case lies under the caller's org: by village when known, else by township (finer orgs
 * miss), else by county (a payment cycle, which only a county-level org or above sees).
 */
export function caseUnderOrg(
  org: string,
  place: { county?: string | null; township: string | null; village: string | null }
): boolean {
  const code = place.village ?? place.township ?? place.county ?? null;
  return code !== null && code.startsWith(org);
}
