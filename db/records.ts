/**
 * The read model's rows as the case workflow hands them to its activities: built in the workflow
 * from the snapshot, written by the repositories here. The workflow imports these types only.
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
