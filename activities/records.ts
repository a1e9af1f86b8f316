/**
 * The rows the case workflow hands to its activities. Built in the workflow from the snapshot,
 * written by the activities; the workflow imports these types only.
 */
import type { CaseIntake } from '../definitions/shared/intake';
import type { RenderedNotice } from '../definitions/shared/programDefinition';
import type { AuditRecord, CaseRecord } from '../definitions/engine/caseRecords';

// Built by the engine's pure projections (definitions/engine/caseRecords.ts).
export type { AuditRecord, CaseRecord, TaskRecord } from '../definitions/engine/caseRecords';

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
