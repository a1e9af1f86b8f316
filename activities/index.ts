/**
 * The case workflow's I/O, built with its dependencies so tests and the worker pass their own pool.
 * Each activity is idempotent on a natural key (case id + event sequence), so Temporal's retries
 * and replays never duplicate a row.
 */
import type { Pool } from 'pg';
import {
  atomically,
  insertApplication,
  insertAudit,
  insertDisbursement,
  insertNotice,
  upsertCase,
} from '../db/caseWrites';
import type { DisbursementRecord, NoticeRecord, SubmissionRecord, AuditRecord, CaseRecord } from './records';

export interface ActivityDependencies {
  pool: Pool;
}

export function createActivities({ pool }: ActivityDependencies) {
  return {
    /** The application form, the case's first read-model row and the first audit line, together. */
    async recordSubmission({ caseRecord, application, audit }: SubmissionRecord): Promise<void> {
      await pool.query(
        atomically([
          insertApplication(caseRecord.id, application, audit.actor.userId, audit.occurredAt),
          insertAudit(audit),
          upsertCase(caseRecord),
        ])
      );
    },

    /** The new state of the case and the audit line that explains it, together. */
    async recordTransition({ caseRecord, audit }: { caseRecord: CaseRecord; audit: AuditRecord }): Promise<void> {
      await pool.query(atomically([insertAudit(audit), upsertCase(caseRecord)]));
    },

    async issueNotice(notice: NoticeRecord): Promise<void> {
      await pool.query(insertNotice(notice));
    },

    /** Records the first payment of an approved case; the monthly payment cycle takes it from there. */
    async startDisbursement(disbursement: DisbursementRecord): Promise<void> {
      await pool.query(insertDisbursement(disbursement));
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
