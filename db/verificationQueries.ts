/**
 * The data-check runs of a case as reviewers read them: newest run first, each with what every
 * source answered (findings included) and the eligibility explanation the run produced. A run
 * still in progress shows the sources that have answered so far.
 */
import type { Pool } from 'pg';
import type { FindingKind, SourceId } from '../definitions/eligibility';
import { sourceIds, sourceLabelsZh } from '../definitions/eligibility';
import type { SourceStatus, VerificationReport } from '../definitions/verification';

export interface StoredFinding {
  reference: string;
  memberIdNumber: string | null;
  kind: FindingKind;
  category: string | null;
  amount: number | null;
  count: number | null;
  date: string | null;
  detail: string;
}

export interface StoredSource {
  sourceId: SourceId;
  labelZh: string;
  /** 'pending' while a running run has not heard from the source yet. */
  status: SourceStatus | 'pending';
  answeredAt: string | null;
  errorZh: string | null;
  findings: StoredFinding[];
}

export interface StoredRun {
  run: number;
  trigger: string;
  status: 'running' | 'completed';
  startedAt: string;
  completedAt: string | null;
  complete: boolean | null;
  eligible: boolean | null;
  flagged: boolean | null;
  monthlyAmount: number | null;
  summaryZh: string | null;
  requiredSources: SourceId[];
  missingRequired: SourceId[];
  sources: StoredSource[];
  eligibility: VerificationReport['eligibility'] | null;
}

interface RunRow {
  run: number;
  trigger: string;
  status: 'running' | 'completed';
  started_at: Date;
  completed_at: Date | null;
  complete: boolean | null;
  eligible: boolean | null;
  flagged: boolean | null;
  monthly_amount: string | null;
  summary_zh: string | null;
  report: VerificationReport | null;
  sources: { source_id: SourceId; status: SourceStatus; answered_at: string | null; error_zh: string | null }[];
  findings: ({ source_id: SourceId } & StoredFinding)[];
}

export async function verificationRuns(pool: Pool, caseId: string): Promise<StoredRun[]> {
  const { rows } = await pool.query<RunRow>(
    `SELECT r.run, r.trigger, r.status, r.started_at, r.completed_at, r.complete, r.eligible, r.flagged,
            r.monthly_amount, r.summary_zh, r.report,
            COALESCE((SELECT json_agg(json_build_object('source_id', s.source_id, 'status', s.status,
                        'answered_at', s.answered_at, 'error_zh', s.error_zh))
                        FROM verification_sources s WHERE s.case_id = r.case_id AND s.run = r.run), '[]') AS sources,
            COALESCE((SELECT json_agg(json_build_object('source_id', f.source_id, 'reference', f.reference,
                        'memberIdNumber', f.member_id_number, 'kind', f.kind, 'category', f.category,
                        'amount', f.amount, 'count', f.count, 'date', f.record_date, 'detail', f.detail)
                        ORDER BY f.member_id_number, f.reference)
                        FROM verification_findings f WHERE f.case_id = r.case_id AND f.run = r.run), '[]') AS findings
       FROM verification_runs r
      WHERE r.case_id = $1
      ORDER BY r.run DESC`,
    [caseId]
  );
  return rows.map((row) => {
    const bySource = new Map(row.sources.map((s) => [s.source_id, s]));
    return {
      run: row.run,
      trigger: row.trigger,
      status: row.status,
      startedAt: row.started_at.toISOString(),
      completedAt: row.completed_at?.toISOString() ?? null,
      complete: row.complete,
      eligible: row.eligible,
      flagged: row.flagged,
      monthlyAmount: row.monthly_amount === null ? null : Number(row.monthly_amount),
      summaryZh: row.summary_zh,
      requiredSources: row.report?.requiredSources ?? [],
      missingRequired: row.report?.missingRequired ?? [],
      sources: sourceIds.map((sourceId) => {
        const stored = bySource.get(sourceId);
        return {
          sourceId,
          labelZh: sourceLabelsZh[sourceId],
          status: stored?.status ?? 'pending',
          answeredAt: stored?.answered_at ? new Date(stored.answered_at).toISOString() : null,
          errorZh: stored?.error_zh ?? null,
          findings: row.findings
            .filter((f) => f.source_id === sourceId)
            .map(({ source_id: _source, amount, ...f }) => ({ ...f, amount: amount === null ? null : Number(amount) })),
        };
      }),
      eligibility: row.report?.eligibility ?? null,
    };
  });
}
