/**
 * One run of the household economic check (家庭经济状况核对) inside a case workflow: the run is
 * opened in the database, every source is asked at once as its own activity with its own timeout
 * and retry policy, and the run is closed with a report built by pure code from whatever came back.
 * A source that stays silent or refuses costs only its own answer: the others' findings are already
 * stored, and the report says which sources did not answer and why. The chart decides what follows.
 *
 * The run's activities are local activities: each is short (one query, one write) and stores its own
 * result, so running them in the worker saves the server round trips of a queued activity — three
 * per call, 16 calls per run. Measured with 13 sources answering in 50 ms: ACCEPT → result went from
 * 321 ms to 86 ms alone, and 3.4 → 5.7 checks/s under load (`npm run bench -- verification`).
 * Timeouts and retry policies apply exactly as for queued activities; a retry whose back-off is
 * longer than a minute waits on a durable timer.
 * Deterministic sandbox code: no Node built-ins, no I/O except through activities.
 */
import { ActivityFailure, ApplicationFailure, TimeoutFailure, proxyLocalActivities } from '@temporalio/workflow';
import type * as activityTypes from '../activities';
import { chinaDate } from '../definitions/calendar';
import type { EligibilityRules, SourceId } from '../definitions/eligibility';
import { sourceIds, sourceLabelsZh } from '../definitions/eligibility';
import type { Application } from '../definitions/shared/application';
import type { AnyProgramDefinition } from '../definitions/shared/programDefinition';
import type { CheckRunSummary, SourceCallPolicies, SourceResult } from '../definitions/verification';
import { SOURCE_REFUSED, buildVerificationReport, sourceCallPolicies, summariseRun } from '../definitions/verification';
import type { WriteGuard } from './writeGuard';

type Activities = ReturnType<typeof activityTypes.createActivities>;

const bookkeeping = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // Bookkeeping must land: retry until the database is back.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** One activity proxy per source, each with that source's own timeout and retry policy. */
function sourceProxies(policies: SourceCallPolicies): Record<SourceId, Activities['querySource']> {
  const proxies = {} as Record<SourceId, Activities['querySource']>;
  for (const sourceId of sourceIds) {
    const { timeoutMs, retry } = policies[sourceId];
    proxies[sourceId] = proxyLocalActivities<Activities>({
      startToCloseTimeout: timeoutMs,
      retry: {
        initialInterval: retry.initialIntervalMs,
        backoffCoefficient: retry.backoffCoefficient,
        maximumInterval: retry.maximumIntervalMs,
        maximumAttempts: retry.maximumAttempts,
        nonRetryableErrorTypes: [SOURCE_REFUSED],
      },
    }).querySource;
  }
  return proxies;
}

/** Why a source did not answer, in words staff can act on. */
function unanswered(sourceId: SourceId, error: unknown): SourceResult {
  const label = sourceLabelsZh[sourceId];
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure && cause.type === SOURCE_REFUSED) {
    return { sourceId, status: 'refused', errorZh: cause.message };
  }
  if (cause instanceof TimeoutFailure) {
    return { sourceId, status: 'unavailable', errorZh: `${label}查询超时，多次重试后仍未答复` };
  }
  const message = cause instanceof Error && cause.message ? cause.message : '未知错误';
  return { sourceId, status: 'unavailable', errorZh: `${label}多次重试后仍无法访问：${message}` };
}

export interface DataCheckRunner {
  run(run: number, trigger: string): Promise<CheckRunSummary>;
}

export function createDataCheckRunner(args: {
  caseId: string;
  definition: AnyProgramDefinition;
  rules: unknown;
  /** Absent for a case started without a household application (a referral), which runs no check. */
  application: Application | undefined;
  /** When the household signed the check authorisation (the application's submission). */
  authorisedAt: string;
  eligibilityRules: EligibilityRules | undefined;
  policies: SourceCallPolicies | undefined;
  /** The case's write guard: a run's bookkeeping refused for good is held like the case's records. */
  writes: WriteGuard;
}): DataCheckRunner {
  const { caseId, definition, application } = args;
  const { openVerificationRun, closeVerificationRun } = args.writes.guarded(bookkeeping);
  const verification = definition.verification;
  const proxies = sourceProxies(args.policies ?? sourceCallPolicies);

  return {
    async run(run, trigger) {
      if (!verification || !args.eligibilityRules || !application) {
        throw ApplicationFailure.nonRetryable(
          `${definition.program} runs a data check but the case has no household application, eligibility rules or verification hook`,
          'DataCheckNotConfigured'
        );
      }
      const startedAt = new Date().toISOString();
      await openVerificationRun({ caseId, run, trigger, startedAt });
      const request = {
        caseId,
        run,
        members: application.household.members.map((m) => ({ idNumber: m.idNumber, name: m.name })),
        // Their records are theirs: the rules read them for the supporter condition only.
        supporters: (application.tekun?.supporters ?? []).map((s) => ({ idNumber: s.idNumber, name: s.name })),
        authorisation: { signed: application.checkAuthorised, signedAt: args.authorisedAt },
      };
      const settled = await Promise.allSettled(
        sourceIds.map((sourceId) => proxies[sourceId]({ ...request, sourceId }))
      );
      const results = settled.map((outcome, i): SourceResult => {
        const sourceId = sourceIds[i]!;
        return outcome.status === 'fulfilled'
          ? { sourceId, status: 'answered', answeredAt: outcome.value.answeredAt, findings: outcome.value.findings }
          : unanswered(sourceId, outcome.reason);
      });
      const completedAt = new Date().toISOString();
      const report = buildVerificationReport({
        caseId,
        run,
        trigger,
        startedAt,
        completedAt,
        // Findings and ages are taken on the day the run closed, China time.
        onDate: chinaDate(new Date(completedAt)),
        results,
        requiredSources: verification.requiredSources(args.rules),
        application,
        rules: args.eligibilityRules,
        evaluate: (household) => verification.evaluate(household),
      });
      await closeVerificationRun(report);
      return summariseRun(report);
    },
  };
}
