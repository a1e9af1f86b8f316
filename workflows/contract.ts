/**
 * What the case workflow and its callers (API, tests, benchmarks) share: message definitions, the
 * shapes that cross the boundary, and the failure types a refused update carries. Kept small so
 * the API can import it without pulling in the workflow itself.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { actorSchema, callerRoleSchema } from '../definitions/shared/actors';
import type { Actor } from '../definitions/shared/actors';
import type { Application } from '../definitions/shared/application';
import type { EligibilityRules } from '../definitions/eligibility';
import type { SourceCallPolicies } from '../definitions/verification';

/** A decision as a caller sends it: the event type and its payload fields; the sender from auth. */
export const eventRequestSchema = z.object({
  type: z.string().regex(/^[A-Z][A-Z_]*$/, '事件类型应为大写字母和下划线，例如 APPROVE'),
  actor: actorSchema.extend({ role: callerRoleSchema }),
  payload: z.record(z.string(), z.unknown()),
});
export type EventRequest = z.infer<typeof eventRequestSchema>;

export const allowedEventSchema = z.object({
  type: z.string(),
  labelZh: z.string(),
  roles: z.array(callerRoleSchema),
});

export const deadlineSchema = z.object({
  key: z.string(),
  labelZh: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  source: z.string(),
  limit: z.object({ amount: z.number(), unit: z.string() }),
});

export const timelineEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  event: z.string(),
  labelZh: z.string(),
  actor: actorSchema,
  from: z.string().nullable(),
  to: z.string(),
  toLabelZh: z.string(),
  comment: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const caseViewSchema = z.object({
  id: z.string(),
  program: z.string(),
  programLabelZh: z.string(),
  definitionVersion: z.string(),
  status: z.enum(['active', 'done']),
  step: z.string(),
  stepLabelZh: z.string(),
  stateValue: z.unknown(),
  orgs: z.object({ county: z.string(), township: z.string(), village: z.string() }),
  owners: z.array(z.object({ role: z.string(), org: z.string(), step: z.string() })),
  allowedEvents: z.array(allowedEventSchema),
  deadlines: z.array(deadlineSchema),
  summary: z.record(z.string(), z.unknown()),
  timeline: z.array(timelineEntrySchema),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

export interface CaseWorkflowInput {
  caseId: string;
  definitionVersion: string;
  /** The county's rules in force on the day of application, frozen for the life of the case. */
  rules: unknown;
  application: Application;
  submittedBy: Actor;
  /**
   * Eligibility rules in force on the day of application, frozen with the rest; present for
   * programs whose chart runs a household economic check.
   */
  eligibilityRules?: EligibilityRules;
  /** Timeout and retry per data source (defaults: `sourceCallPolicies`). */
  sourcePolicies?: SourceCallPolicies;
  /** Continue-as-new once history passes this many events (lower in tests to exercise it). */
  historyLimit?: number;
  /** Set when the case continues as a new run: everything needed to carry on where it stopped. */
  resume?: ResumeState;
}

export interface ResumeState {
  stateValue: unknown;
  context: unknown;
  seq: number;
  timeline: TimelineEntry[];
  /** Timer id → the event it raises and its absolute due instant. */
  timers: Record<string, { eventType: string; dueAt: string }>;
  stepClocks: Record<string, string>;
  updatedAt: string;
  /** Data-check runs started so far; the next run is numbered after them. */
  checkRuns: number;
}

/** Failure types a refused update carries; the API maps each to an HTTP status. */
export const failureTypes = {
  transitionRefused: 'TransitionRefused', // 409, details[0]: { step, stepLabelZh, allowedEvents }
  invalidEvent: 'InvalidEvent', // 400, details[0]: { issues: [{ path, message }] }
  unknownEvent: 'UnknownEvent', // 400, details[0]: { knownEvents }
} as const;

export const submitEventUpdate = defineUpdate<CaseView, [EventRequest]>('submitEvent');
/** Completes once the case's first record is in the read model; lets a caller return a consistent view. */
export const awaitRecordedUpdate = defineUpdate<CaseView>('awaitRecorded');
export const caseViewQuery = defineQuery<CaseView>('caseView');

export const caseWorkflowType = 'caseWorkflow';
