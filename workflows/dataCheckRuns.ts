/**
 * A case's data-check runs, started in the background: the decision that starts a run returns at
 * once, and the run's summary comes back to the chart later (as DATA_CHECK_COMPLETED). A run that
 * cannot finish (its bookkeeping refused, its rules failing to evaluate) is logged and reported to
 * the chart as a run no source answered, so the case goes on as the chart says for silent sources
 * (an incomplete check waits and asks again, or the county re-runs it) instead of waiting for ever.
 * Deterministic sandbox code: no Node built-ins, no I/O except through the runner's activities.
 */
import { log } from '@temporalio/workflow';
import type { CheckRunSummary } from '../definitions/verification';
import { unfinishedRunSummary } from '../definitions/verification';
import type { DataCheckRunner } from './dataCheck';

/** What staff are told of a run that could not finish (the log says why, in English). */
export const UNFINISHED_CHECK_ZH = '核对未能完成（系统原因，已记录），将按规定重新核对';

export interface DataCheckRuns {
  start: (trigger: string) => void;
  /** Runs started so far, carried across continue-as-new: the next run is numbered after them. */
  count: () => number;
  /** No run in flight: the workflow may finish or continue as new. */
  idle: () => boolean;
  /** A failure to apply a run's summary, for the workflow to throw where its own failures surface. */
  failure: () => { error: unknown } | undefined;
}

export function createDataCheckRuns(args: {
  caseId: string;
  runner: DataCheckRunner;
  runsSoFar: number;
  /** Hands a run's summary to the chart. */
  report: (summary: CheckRunSummary) => Promise<void>;
}): DataCheckRuns {
  let runs = args.runsSoFar;
  let inFlight = 0;
  let failure: { error: unknown } | undefined;

  function unfinished(run: number, trigger: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    log.warn('data check run could not finish', { caseId: args.caseId, run, trigger, error: message });
    return args.report(unfinishedRunSummary(run, UNFINISHED_CHECK_ZH));
  }

  return {
    start: (trigger) => {
      runs += 1;
      inFlight += 1;
      const run = runs;
      void args.runner
        .run(run, trigger)
        .then(args.report, (error: unknown) => unfinished(run, trigger, error))
        .then(
          () => void (inFlight -= 1),
          (error: unknown) => {
            inFlight -= 1;
            failure ??= { error };
          }
        );
    },
    count: () => runs,
    idle: () => inFlight === 0,
    failure: () => failure,
  };
}
