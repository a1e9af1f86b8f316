/**
 * Shapes of the stuck-case view and the supervisor's actions on a stuck case (retry, terminate), and
 * the settings that decide when a failing case counts as stuck. Also the source of their OpenAPI text.
 * No I/O.
 */
import { z } from 'zod';
import { orgCodeSchema } from '../../definitions/shared/actors';
import { freeText, singleLine } from '../../definitions/shared/text';
import { keysetPaging } from '../http/paging';

/**
 * When a case counts as stuck, and how much one request may ask of Temporal. Operational figures,
 * not legal ones; each carries where it comes from, like the rules do.
 */
export const stuckCaseSettings = {
  minActivityAttempts: {
    value: 3,
    source:
      'Yilian operations: records retry from 200 ms, doubling (workflows/caseWorkflow.ts), so a third ' +
      'attempt means the write has failed for more than half a second: past a blip, worth a look',
    effectiveFrom: '2026-11-29',
  },
  scanPageSize: {
    value: 50,
    source: 'Yilian operations: candidates described per page by default (each costs one DescribeWorkflowExecution)',
    effectiveFrom: '2026-11-29',
  },
  maxScanPageSize: {
    value: 100,
    source: 'Yilian operations: upper bound on describes per request, so one page cannot flood the frontend',
    effectiveFrom: '2026-11-29',
  },
  describeConcurrency: {
    value: 8,
    source: 'Yilian operations: describes in flight at once per request (2-core dev server stays responsive)',
    effectiveFrom: '2026-11-29',
  },
} as const;

/** Same entries, any values (a deployment or a test may choose other figures). */
export type StuckCaseSettings = {
  [K in keyof typeof stuckCaseSettings]: { value: number; source: string; effectiveFrom: string };
};

/** The read model's step once a supervisor has ended the case. */
export const terminatedStep = { step: 'terminatedBySupervisor', labelZh: '已由监督人员终止' } as const;
/** The audit event of that termination. */
export const terminatedEvent = 'TERMINATED_BY_SUPERVISOR';

export const stuckQuerySchema = z.object({
  /** Narrow to an org under the caller's own (defaults to the caller's org). */
  org: orgCodeSchema.optional(),
  /** Running cases described in this page (not the number of stuck ones returned). */
  limit: z.coerce
    .number()
    .int('limit 应为整数')
    .min(1, 'limit 至少为 1')
    .max(stuckCaseSettings.maxScanPageSize.value, `limit 不能超过 ${stuckCaseSettings.maxScanPageSize.value}`)
    .default(stuckCaseSettings.scanPageSize.value),
  cursor: singleLine().max(4000).optional(),
});
export type StuckQuery = z.infer<typeof stuckQuerySchema>;

export const terminateBodySchema = z.object({
  reason: freeText({ error: '请填写终止原因' })
    .trim()
    .min(4, '终止原因至少 4 个字，请写明为何终止本案件')
    .max(500, '终止原因不能超过 500 字'),
});
export type TerminateBody = z.infer<typeof terminateBodySchema>;

const instant = z.iso.datetime().nullable();

/** A pending activity that keeps failing and is retried by the server. */
export const activityRetryingSchema = z.object({
  kind: z.literal('activityRetrying'),
  activityId: z.string(),
  activityType: z.string(),
  /** Temporal's pending-activity state: scheduled (waiting for its next attempt), started, paused, … */
  state: z.string(),
  attempt: z.number().int(),
  /** null: retried until it succeeds (the records' policy). */
  maximumAttempts: z.number().int().nullable(),
  lastFailure: z.object({ message: z.string(), type: z.string().nullable() }).nullable(),
  lastAttemptAt: instant,
  nextAttemptAt: instant,
});

/** The workflow code itself fails on each try (a bug, or history the deployed code cannot replay). */
export const workflowTaskFailingSchema = z.object({
  kind: z.literal('workflowTaskFailing'),
  attempt: z.number().int(),
  /** Temporal's WorkflowTaskFailedCause, e.g. WORKFLOW_WORKER_UNHANDLED_FAILURE or NON_DETERMINISTIC_ERROR. */
  cause: z.string().nullable(),
  message: z.string().nullable(),
  failedAt: instant,
});

/**
 * A write the database refused for good (a data error such as SQLSTATE 22021, a NUL byte): not
 * retried, held by the workflow until a supervisor retries it once the cause is fixed.
 */
export const writeRefusedSchema = z.object({
  kind: z.literal('writeRefused'),
  activityType: z.string(),
  sqlState: z.string(),
  /** PostgreSQL's condition name, e.g. character_not_in_repertoire. */
  condition: z.string(),
  /** Names the SQLSTATE and schema objects only, never a value from the row. */
  message: z.string(),
  failedAt: instant,
});

export const stuckProblemSchema = z.discriminatedUnion('kind', [
  activityRetryingSchema,
  workflowTaskFailingSchema,
  writeRefusedSchema,
]);
export type StuckProblem = z.infer<typeof stuckProblemSchema>;
export type WriteRefusedProblem = z.infer<typeof writeRefusedSchema>;
export type ActivityRetrying = z.infer<typeof activityRetryingSchema>;
export type WorkflowTaskFailing = z.infer<typeof workflowTaskFailingSchema>;

/** What is stuck: a case, a household application (一窗受理) or a county's payment cycle. */
export const stuckWorkflowTypeSchema = z.enum(['caseWorkflow', 'householdApplication', 'paymentCycle']);
export type StuckWorkflowType = z.infer<typeof stuckWorkflowTypeSchema>;

export const stuckCaseSchema = z.object({
  /** The workflow id: a case id, a household id (HH-…) or a payment cycle id. */
  caseId: z.string(),
  workflowType: stuckWorkflowTypeSchema,
  runId: z.string(),
  program: z.string().nullable(),
  /** From the read model when it has the case (a case stuck at submission has no row yet). */
  step: z.string().nullable(),
  stepLabelZh: z.string().nullable(),
  county: z.string().nullable(),
  township: z.string().nullable(),
  startedAt: instant,
  problems: z.array(stuckProblemSchema).min(1),
});
export type StuckCase = z.infer<typeof stuckCaseSchema>;

export const stuckListSchema = z.object({
  asOf: z.iso.datetime(),
  org: z.string(),
  minActivityAttempts: z.number().int(),
  /** Running cases described for this page; keep following nextCursor to scan the rest. */
  scanned: z.number().int(),
  items: z.array(stuckCaseSchema),
  nextCursor: z.string().nullable(),
});
export type StuckListAnswer = z.infer<typeof stuckListSchema>;

export const retryResultSchema = z.object({
  caseId: z.string(),
  /** writesRetried: the writes the database refused run again (fix the cause first). */
  action: z.enum(['activityReset', 'workflowReset', 'writesRetried']),
  /** The activities sent to try again now (activityReset). */
  activities: z.array(z.object({ activityId: z.string(), activityType: z.string(), attempt: z.number().int() })),
  /** The new run that continues the case (workflowReset); the same run for activityReset. */
  runId: z.string(),
});
export type RetryResult = z.infer<typeof retryResultSchema>;

export const terminateResultSchema = z.object({
  caseId: z.string(),
  runId: z.string(),
  status: z.literal('done'),
  step: z.literal(terminatedStep.step),
  stepLabelZh: z.literal(terminatedStep.labelZh),
  reason: z.string(),
  seq: z.number().int(),
  terminatedAt: z.iso.datetime(),
});
export type TerminateResult = z.infer<typeof terminateResultSchema>;

/** A page of the visibility scan: the org it was for (a token is only valid for its own query). */
export const stuckScanPaging = keysetPaging(z.object({ org: orgCodeSchema, token: singleLine().min(1).max(2000) }));
