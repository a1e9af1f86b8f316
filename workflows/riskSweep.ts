/**
 * The periodic risk sweep: every active case assessed again, in batches of ids, so findings that
 * appear after a case was submitted (a death registered, another household applying with the same
 * member, a payment to a shared account) reach supervisors. A Temporal Schedule starts it
 * (`npm run risk:sweep -- --schedule`); `npm run risk:sweep` runs it once.
 *
 * Each case is its own activity call, so one failing case is retried on its own and, if it keeps
 * failing, skipped and counted rather than stopping the sweep. Long sweeps continue as new.
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import { continueAsNew, log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type * as activityTypes from '../activities';

type Activities = ReturnType<typeof activityTypes.createActivities>;

const { nextActiveCases, assessRisks } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

export const RISK_SWEEP_WORKFLOW_ID = 'risk-sweep';

export interface RiskSweepInput {
  batchSize?: number;
  /** Only this county's cases: a county sweeping its own, without touching its neighbours' warnings. */
  county?: string;
  /** Carried through continue-as-new: where the sweep stopped, and what it has done so far. */
  after?: string | null;
  assessed?: number;
  warnings?: number;
  failed?: number;
}

export interface RiskSweepResult {
  assessed: number;
  warnings: number;
  failed: number;
}

const DEFAULT_BATCH = 50;

export async function riskSweepWorkflow(input: RiskSweepInput = {}): Promise<RiskSweepResult> {
  const batchSize = input.batchSize ?? DEFAULT_BATCH;
  let after = input.after ?? null;
  const totals = { assessed: input.assessed ?? 0, warnings: input.warnings ?? 0, failed: input.failed ?? 0 };
  for (;;) {
    const ids = await nextActiveCases({ after, limit: batchSize, county: input.county ?? null });
    if (ids.length === 0) return totals;
    const results = await Promise.allSettled(ids.map((caseId) => assessRisks({ caseId })));
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        totals.assessed += 1;
        totals.warnings += result.value.warnings;
      } else {
        totals.failed += 1;
        log.warn('risk sweep: case not assessed', { caseId: ids[i], error: result.reason as unknown });
      }
    });
    after = ids[ids.length - 1] ?? after;
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof riskSweepWorkflow>({ batchSize, county: input.county, after, ...totals });
    }
  }
}
