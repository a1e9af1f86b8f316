/**
 * The risk rules run over a case once its submission is recorded, in the background: a warning is
 * for supervisors and never holds up or fails the case. Failures are retried with back-off, then
 * logged and left to the periodic sweep (riskSweep.ts), which assesses every active case again.
 *
 * A local activity, like the data check's: one short round of queries and one write, so the
 * server round trips of a queued activity would cost more than the work.
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import { log, proxyLocalActivities } from '@temporalio/workflow';
import type * as activityTypes from '../activities';

const { assessRisks } = proxyLocalActivities<ReturnType<typeof activityTypes.createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
});

export interface RiskAssessor {
  /** Starts an assessment without waiting for it. */
  start(): void;
  /** No assessment in flight: the workflow may finish or continue as new. */
  idle(): boolean;
}

export function createRiskAssessor(caseId: string): RiskAssessor {
  let inFlight = 0;
  return {
    start() {
      inFlight += 1;
      void assessRisks({ caseId })
        .catch((error: unknown) => {
          log.warn('risk assessment failed; the periodic sweep will assess the case again', { caseId, error });
        })
        .finally(() => {
          inFlight -= 1;
        });
    },
    idle: () => inFlight === 0,
  };
}
