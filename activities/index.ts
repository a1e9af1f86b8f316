/**
 * The case workflow's I/O, built with its dependencies so tests and the worker pass their own pool.
 * Each activity is idempotent on a natural key (case id + event sequence), so Temporal's retries
 * and replays never duplicate a row.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { SourceId } from '../definitions/eligibility';
import type { VerificationReport } from '../definitions/verification';
import { SOURCE_REFUSED } from '../definitions/verification';
import { syncTasks } from '../db/taskWrites';
import { closeRun, insertAnswer, insertRun } from '../db/verificationWrites';
import type { DataSource, SourceRequest, SourceResponse } from '../registries/sources/dataSource';
import { SourceRefused } from '../registries/sources/dataSource';
import {
  atomically,
  insertApplication,
  insertAudit,
  insertDisbursement,
  insertNotice,
  upsertCase,
} from '../db/caseWrites';
import { isHouseholdApplication } from '../definitions/shared/intake';
import type { ConfigEntry } from '../definitions/shared/rulesConfig';
import { insertPledge } from '../db/integrityRegister';
import type { DisbursementRecord, NoticeRecord, SubmissionRecord, AuditRecord, CaseRecord } from '../db/records';
import { createRiskActivities, dishonestyOfCheckRun, dishonestyOfTransition, warningsOfTransition } from './risk';
import { insertCaseSchedule, insertEntitlement } from '../db/paymentRecords';
import type { ScheduledPayment } from '../definitions/shared/programDefinition';
import { scheduleSchema } from '../definitions/payments';
import type { EntitlementChangeRecord } from '../db/entitlementChanges';
import { recordEntitlementChange } from '../db/entitlementChanges';
import { entitlementOf, fundOf } from './entitlements';
import { createHouseholdActivities } from './household';
import { createReferredCaseActivities } from './referredCases';

export interface ActivityDependencies {
  pool: Pool;
  /** The departments' systems, one adapter per source (registry stand-ins in development). */
  sources: Record<SourceId, DataSource>;
  /**
   * A deployment's own rules entries (RULES_FILE): the risk and integrity figures, and the rules of
   * a case opened from another (转其他救助).
   */
  configEntries?: readonly ConfigEntry[];
}

export function createActivities({ pool, sources, configEntries = [] }: ActivityDependencies) {
  return {
    ...createRiskActivities({ pool, riskConfigEntries: configEntries }),
    ...createReferredCaseActivities({ configEntries }),
    ...createHouseholdActivities({ pool }),

    /**
     * The application form and its pledge, the case's first read-model row and first audit line,
     * together. A referral's request has no pledge; a household's child cases share the one pledge
     * the household application recorded.
     */
    async recordSubmission({ caseRecord, application, audit, householdId }: SubmissionRecord): Promise<void> {
      const pledged = isHouseholdApplication(application) && householdId === undefined;
      await pool.query(
        atomically([
          insertApplication(caseRecord.id, application, audit.actor.userId, audit.occurredAt, householdId),
          ...(pledged ? [insertPledge(caseRecord.id, application, audit.actor.userId, audit.occurredAt)] : []),
          insertAudit(audit),
          ...syncTasks(caseRecord, audit),
          upsertCase(caseRecord),
        ])
      );
    },

    /**
     * The new state of the case and the audit line that explains it, together — with the
     * dishonesty record an untruthful home visit or a fraud decision makes, and the risk warning
     * an amount set above what the rules give raises.
     */
    async recordTransition({ caseRecord, audit }: { caseRecord: CaseRecord; audit: AuditRecord }): Promise<void> {
      await pool.query(
        atomically([
          insertAudit(audit),
          ...dishonestyOfTransition(audit, caseRecord.countyCode, configEntries),
          ...warningsOfTransition(audit, caseRecord),
          ...syncTasks(caseRecord, audit),
          upsertCase(caseRecord),
        ])
      );
    },

    async issueNotice(notice: NoticeRecord): Promise<void> {
      await pool.query(insertNotice(notice));
    },

    /** Opens a data-check run; its sources' answers are written as they arrive. */
    async openVerificationRun(run: { caseId: string; run: number; trigger: string; startedAt: string }): Promise<void> {
      await pool.query(insertRun(run));
    },

    /**
     * Asks one source about the household and stores its answer before returning it, so an answer
     * once received survives whatever happens to the other sources or to the worker. A refusal is
     * thrown as non-retryable; an unavailable source is thrown as is, for the retry policy.
     */
    async querySource(request: SourceRequest & { sourceId: SourceId }): Promise<SourceResponse> {
      const { sourceId, ...query } = request;
      let response: SourceResponse;
      try {
        response = await sources[sourceId].query(query);
      } catch (error) {
        if (error instanceof SourceRefused) {
          throw ApplicationFailure.create({ type: SOURCE_REFUSED, message: error.message, nonRetryable: true });
        }
        throw error;
      }
      await pool.query(
        insertAnswer({
          caseId: request.caseId,
          run: request.run,
          sourceId,
          answeredAt: response.answeredAt,
          findings: response.findings,
        })
      );
      return response;
    },

    /**
     * Closes a run with its report and the sources that did not answer; a run that found the
     * declaration untrue (不属实) also makes a dishonesty record.
     */
    async closeVerificationRun(report: VerificationReport): Promise<void> {
      await pool.query(closeRun(report));
      // After the close, so a retry finds the run closed and only writes what is still missing.
      for (const statement of await dishonestyOfCheckRun(pool, report, configEntries)) await pool.query(statement);
    },

    /**
     * Records the first payment of an approved case and its entitlement, together; the county's
     * monthly payment cycles pay the entitlement from its start month on.
     */
    async startDisbursement(disbursement: DisbursementRecord): Promise<void> {
      await pool.query(atomically([insertDisbursement(disbursement), insertEntitlement(entitlementOf(disbursement))]));
    },

    /**
     * Help paid in stages, or paid first (先行救助): one entitlement with its schedule, which the
     * county's monthly cycles pay stage by stage on the same ledger as monthly benefits.
     */
    async startScheduledPayment(
      payment: ScheduledPayment & { caseId: string; program: string; countyCode: string; decidedAt: string }
    ): Promise<void> {
      await pool.query(
        insertCaseSchedule({
          caseId: payment.caseId,
          program: payment.program,
          kind: payment.kind,
          countyCode: payment.countyCode,
          schedule: scheduleSchema.parse(payment.schedule),
          fundCode: fundOf(payment.program, payment.countyCode, payment.decidedAt),
          decidedAt: payment.decidedAt,
        })
      );
    },

    /**
     * A re-check's decision about what is paid from a later month on (new amount, phase-out, stop).
     * Cycles not yet frozen pay accordingly; false when the case has no entitlement to change.
     */
    async changeEntitlement(change: EntitlementChangeRecord): Promise<boolean> {
      return recordEntitlementChange(pool, change);
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
