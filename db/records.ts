/**
 * The read model's rows as the case workflow hands them to its activities: built in the workflow
 * from the snapshot, written by the repositories here. The workflow imports these types only.
 */
import type { Actor } from '../definitions/shared/actors';
import type { CaseIntake } from '../definitions/shared/intake';
import type { RenderedNotice } from '../definitions/shared/programDefinition';
import type { CaseView } from '../workflows/contract';

/** One row per case in the read model: what people search, filter and report on. */
export interface CaseRecord {
  id: string;
  program: string;
  definitionVersion: string;
  status: 'active' | 'done';
  step: string;
  stepLabelZh: string;
  stateValue: unknown;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  ownerRole: string | null;
  ownerOrg: string | null;
  /** Roles the case waits for now (parallel steps may wait for several). */
  pendingRoles: string[];
  dueAt: string | null;
  overallDueAt: string | null;
  closeRelative: boolean;
  monthlyAmount: number | null;
  acceptedAt: string | null;
  decidedAt: string | null;
  closedAt: string | null;
  /** The sequence number of the last event applied; a stale write never overwrites a newer one. */
  version: number;
  /** The steps waiting for people now, each a task for its role and org (the work lists). */
  tasks: TaskRecord[];
  submittedAt: string;
  updatedAt: string;
  /**
   * The case view at `version`, as the workflow's query answers it, served to readers from the read
   * model. Absent from rows built by workers of earlier releases (their activities may still retry).
   */
  view?: CaseView;
}

/** A step waiting for a role at an org, with its due date where the step has a legal limit. */
export interface TaskRecord {
  step: string;
  stepLabelZh: string;
  role: string;
  org: string;
  dueAt: string | null;
}

/** One line of the append-only audit trail. */
export interface AuditRecord {
  caseId: string;
  seq: number;
  actor: Actor;
  event: string;
  fromState: string | null;
  toState: string;
  comment: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface SubmissionRecord {
  caseRecord: CaseRecord;
  application: CaseIntake;
  audit: AuditRecord;
  /** A household application's child case: filed under it, and its pledge is the household's. */
  householdId?: string;
}

export interface NoticeRecord {
  caseId: string;
  /** The event that produced the notice; with the kind, the notice's natural key. */
  seq: number;
  notice: RenderedNotice;
  issuedAt: string;
}

export interface DisbursementRecord {
  caseId: string;
  seq: number;
  program: string;
  countyCode: string;
  period: string;
  amount: number;
  decidedAt: string;
}
