/**
 * What the case workflow and its callers (API, tests, benchmarks) share: message definitions, the
 * shapes that cross the boundary, and the failure types a refused update carries. Kept small so
 * the API can import it without pulling in the workflow itself.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { actorSchema, callerRoleSchema } from '../definitions/shared/actors';
import type { Actor } from '../definitions/shared/actors';
import { singleLine } from '../definitions/shared/text';
import type { CaseInput } from '../definitions/caseInput';
import type { MigrationRefusalCode, TimerMove } from '../definitions/engine/migrationPlan';
import type { CaseView, TimelineEntry } from '../definitions/engine/caseView';

/** A decision as a caller sends it: the event type and its payload fields; the sender from auth. */
export const eventRequestSchema = z.object({
  type: z.string().regex(/^[A-Z][A-Z_]*$/, '事件类型应为大写字母和下划线，例如 APPROVE'),
  actor: actorSchema.extend({ role: callerRoleSchema }),
  payload: z.record(singleLine(), z.unknown()),
});
export type EventRequest = z.infer<typeof eventRequestSchema>;

// The case view is the engine's projection of a case (definitions/engine/caseView.ts); callers import it from here.
export {
  allowedEventSchema,
  caseViewSchema,
  deadlineSchema,
  timelineEntrySchema,
} from '../definitions/engine/caseView';
export type { CaseView, TimelineEntry } from '../definitions/engine/caseView';

/** A case's input (definitions/caseInput.ts), with what a running case adds to it. */
export interface CaseWorkflowInput extends CaseInput {
  /** Set on a child case of a household application: the household's one pledge covers it. */
  householdId?: string;
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
  /** Clock alarms already raised (reminders, escalations), by id. */
  alertsRaised: string[];
}

/** Failure types a refused update carries; the API maps each to an HTTP status. */
export const failureTypes = {
  transitionRefused: 'TransitionRefused', // 409, details[0]: { step, stepLabelZh, allowedEvents }
  invalidEvent: 'InvalidEvent', // 400, details[0]: { issues: [{ path, message }] }
  unknownEvent: 'UnknownEvent', // 400, details[0]: { knownEvents }
  migrationRefused: 'MigrationRefused', // per case in a migration batch, details[0]: { code, reasonZh }
} as const;

/** Moves a running case to another chart version under the plan for the pair (docs/change-safety.md). */
export interface MigrationRequest {
  from: string;
  to: string;
  actor: Actor;
  reason: string;
}

/** What a case says to a migration: what would happen (dry run), or what did. */
export type MigrationAnswer =
  | {
      outcome: 'wouldMigrate' | 'migrated';
      definitionVersion: string;
      states: { from: string[]; to: string[] };
      timers: TimerMove[];
    }
  | { outcome: 'alreadyMigrated'; definitionVersion: string }
  | { outcome: 'cannotMigrate'; definitionVersion: string; code: MigrationRefusalCode; reasonZh: string };

export const migrateDefinitionUpdate = defineUpdate<MigrationAnswer, [MigrationRequest]>('migrateDefinition');
/** The dry run of `migrateDefinition` for one case: the same check, nothing changed. */
export const migrationCheckQuery = defineQuery<MigrationAnswer, [{ from: string; to: string }]>('migrationCheck');
/** The audit and timeline event of a migration. */
export const MIGRATE_DEFINITION_EVENT = 'MIGRATE_DEFINITION';

export const submitEventUpdate = defineUpdate<CaseView, [EventRequest]>('submitEvent');
/** Completes once the case's first record is in the read model; lets a caller return a consistent view. */
export const awaitRecordedUpdate = defineUpdate<CaseView>('awaitRecorded');
export const caseViewQuery = defineQuery<CaseView>('caseView');

/** What the API put in a case's memo at start; the same stamp sent with the start's update. */
export interface StartStamp {
  /** Hash of the form: a retry with the same Idempotency-Key must carry the same form. */
  requestHash: string;
  /** New for every request: tells the request that created the case apart from its retries. */
  requestToken: string;
}

export interface StartAnswer {
  view: CaseView;
  /** The case was started by the request that sent this stamp (not by an earlier one with the same key). */
  createdByThisRequest: boolean;
  /** The stamp's form is the one the case was started with. */
  sameForm: boolean;
}

/**
 * Sent with the start itself (update-with-start): one round trip starts the case (or joins the one
 * an earlier request with the same key started), waits for its first record, and says which it was.
 */
export const confirmStartUpdate = defineUpdate<StartAnswer, [StartStamp]>('confirmStart');

export const caseWorkflowType = 'caseWorkflow';
