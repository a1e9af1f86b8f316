/**
 * The case workflow's I/O, built with its dependencies so tests and the worker pass their own pool.
 * Each activity is idempotent on a natural key (case id + event sequence), so Temporal's retries
 * and replays never duplicate a row.
 */
import type { Pool } from 'pg';
import { insertApplication, insertAudit, insertDisbursement, insertNotice, upsertCase } from '../db/caseWrites';
import { inTransaction } from '../db/transaction';
import type { DisbursementRecord, NoticeRecord, SubmissionRecord, AuditRecord, CaseRecord } from './records';

export interface ActivityDependencies {
  pool: Pool;
}

export function createActivities({ pool }: ActivityDependencies) {
  return {
    /** The application form, the case's first read-model row and the first audit line, together. */
    async recordSubmission({ caseRecord, application, audit }: SubmissionRecord): Promise<void> {
      await inTransaction(pool, async (db) => {
        await insertApplication(db, caseRecord.id, application, audit.actor.userId, audit.occurredAt);
        await upsertCase(db, caseRecord);
        await insertAudit(db, audit);
      });
    },

    /** The new state of the case and the audit line that explains it, together. */
    async recordTransition({ caseRecord, audit }: { caseRecord: CaseRecord; audit: AuditRecord }): Promise<void> {
      await inTransaction(pool, async (db) => {
        await upsertCase(db, caseRecord);
        await insertAudit(db, audit);
      });
    },

    async issueNotice(notice: NoticeRecord): Promise<void> {
      await inTransaction(pool, (db) => insertNotice(db, notice));
    },

    /** Records the first payment of an approved case; the monthly payment cycle takes it from there. */
    async startDisbursement(disbursement: DisbursementRecord): Promise<void> {
      await inTransaction(pool, (db) => insertDisbursement(db, disbursement));
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
