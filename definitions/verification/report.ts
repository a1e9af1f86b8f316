/**
 * One run of the household economic check (核对), as data: what each source answered, which ones
 * did not (and why), and the eligibility evaluation over everything that came back. Built by pure
 * code from the sources' answers so the same answers always give the same report; the case
 * workflow stores it with the run and sends its summary into the chart, which decides what follows.
 * No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { freeText, singleLine } from '../shared/text';
import type { EligibilityResult, EvaluationInput, Finding, SourceId } from '../eligibility';
import { eligibilityResultSchema, sourceIdSchema, sourceIds, sourceLabelsZh } from '../eligibility';

export const sourceStatusSchema = z.enum(['answered', 'unavailable', 'refused']);
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

export const sourceOutcomeSchema = z.object({
  sourceId: sourceIdSchema,
  labelZh: z.string(),
  status: sourceStatusSchema,
  /** When the source answered; null when it did not. */
  answeredAt: z.string().nullable(),
  findingCount: z.number().int().min(0),
  /** Why it did not answer, for staff (the source's own message where it gave one). */
  errorZh: z.string().nullable(),
});
export type SourceOutcome = z.infer<typeof sourceOutcomeSchema>;

export const unansweredSourceSchema = z.object({
  sourceId: sourceIdSchema,
  status: z.enum(['unavailable', 'refused']),
  reasonZh: z.string(),
});

/** What the chart is told when a run finishes: enough to decide, nothing personal beyond the reasons. */
export const checkRunSummarySchema = z.object({
  run: z.number().int().min(1),
  answered: z.array(sourceIdSchema),
  unanswered: z.array(unansweredSourceSchema),
  eligible: z.boolean(),
  flagged: z.boolean(),
  lowIncomeEdge: z.boolean(),
  summaryZh: freeText(),
  /** The conditions that failed, each with its explanation: the reasons a failed-check notice gives. */
  failedConditions: z.array(z.object({ rule: singleLine(), labelZh: singleLine(), explanationZh: freeText() })),
  /** The benefit the rules compute for an eligible household, yuan a month; null otherwise. */
  monthlyAmount: z.number().nullable(),
});
export type CheckRunSummary = z.infer<typeof checkRunSummarySchema>;

export const verificationReportSchema = z.object({
  caseId: z.string(),
  run: z.number().int().min(1),
  /** The event that started the run (ACCEPT, OBJECT_TO_CHECK, RERUN_DATA_CHECK, a retry timer…). */
  trigger: z.string(),
  startedAt: z.string(),
  completedAt: z.string(),
  /** The day findings and ages were evaluated on, China time. */
  onDate: z.string(),
  sources: z.array(sourceOutcomeSchema),
  requiredSources: z.array(sourceIdSchema),
  /** Required sources that did not answer: the check is incomplete while any remain. */
  missingRequired: z.array(sourceIdSchema),
  complete: z.boolean(),
  eligibility: eligibilityResultSchema,
});
export type VerificationReport = z.infer<typeof verificationReportSchema>;

/** What one source call came back with, as the workflow saw it. */
export type SourceResult =
  | { sourceId: SourceId; status: 'answered'; answeredAt: string; findings: Finding[] }
  | { sourceId: SourceId; status: 'unavailable' | 'refused'; errorZh: string };

/** Required sources among those that did not answer, in the canonical source order. */
export function missingRequiredSources(
  unanswered: readonly { sourceId: SourceId }[],
  required: readonly SourceId[]
): SourceId[] {
  const missing = new Set(unanswered.map((u) => u.sourceId));
  return sourceIds.filter((id) => missing.has(id) && required.includes(id));
}

export interface ReportInput {
  caseId: string;
  run: number;
  trigger: string;
  startedAt: string;
  completedAt: string;
  onDate: string;
  results: readonly SourceResult[];
  requiredSources: readonly SourceId[];
  application: EvaluationInput['application'];
  rules: EvaluationInput['rules'];
  evaluate: (input: EvaluationInput) => EligibilityResult;
}

export function buildVerificationReport(input: ReportInput): VerificationReport {
  const byId = new Map(input.results.map((r) => [r.sourceId, r]));
  const sources: SourceOutcome[] = sourceIds.map((sourceId) => {
    const result = byId.get(sourceId);
    const base = { sourceId, labelZh: sourceLabelsZh[sourceId] };
    if (!result) return { ...base, status: 'unavailable', answeredAt: null, findingCount: 0, errorZh: '未发起查询' };
    return result.status === 'answered'
      ? {
          ...base,
          status: 'answered',
          answeredAt: result.answeredAt,
          findingCount: result.findings.length,
          errorZh: null,
        }
      : { ...base, status: result.status, answeredAt: null, findingCount: 0, errorZh: result.errorZh };
  });
  const findings = input.results.flatMap((r) => (r.status === 'answered' ? r.findings : []));
  const missingRequired = missingRequiredSources(
    sources.filter((s) => s.status !== 'answered'),
    input.requiredSources
  );
  return {
    caseId: input.caseId,
    run: input.run,
    trigger: input.trigger,
    startedAt: input.startedAt,
    completedAt: input.completedAt,
    onDate: input.onDate,
    sources,
    requiredSources: [...input.requiredSources],
    missingRequired,
    complete: missingRequired.length === 0,
    eligibility: input.evaluate({
      application: input.application,
      findings,
      rules: input.rules,
      onDate: input.onDate,
    }),
  };
}

export function summariseRun(report: VerificationReport): CheckRunSummary {
  const { eligibility } = report;
  return {
    run: report.run,
    answered: report.sources.filter((s) => s.status === 'answered').map((s) => s.sourceId),
    unanswered: report.sources.flatMap((s) =>
      s.status === 'answered' ? [] : [{ sourceId: s.sourceId, status: s.status, reasonZh: s.errorZh ?? '' }]
    ),
    eligible: eligibility.eligible,
    flagged: eligibility.flagged,
    lowIncomeEdge: eligibility.lowIncomeEdge ?? false,
    summaryZh: eligibility.summaryZh,
    failedConditions: eligibility.checks
      .filter((c) => c.kind === 'condition' && !c.passed)
      .map((c) => ({ rule: c.rule, labelZh: c.labelZh, explanationZh: c.explanationZh })),
    monthlyAmount: eligibility.benefit?.monthlyAmount ?? null,
  };
}

/**
 * What the chart is told of a run that could not finish (its bookkeeping refused, the rules could
 * not be evaluated): no source counts as having answered, each with the reason, so the chart
 * treats it as it treats silent sources (an incomplete check waits and asks again, or the county
 * re-runs it) instead of the case waiting for a result that will never come.
 */
export function unfinishedRunSummary(run: number, reasonZh: string): CheckRunSummary {
  return {
    run,
    answered: [],
    unanswered: sourceIds.map((sourceId) => ({ sourceId, status: 'unavailable' as const, reasonZh })),
    eligible: false,
    flagged: false,
    lowIncomeEdge: false,
    summaryZh: `核对未能完成：${reasonZh}`,
    failedConditions: [],
    monthlyAmount: null,
  };
}
