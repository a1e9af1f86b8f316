/**
 * SQL that records data-check runs. Keyed by (case, run) and (case, run, source, reference), so a
 * retried or replayed activity writes nothing twice; a closed run is never reopened or rewritten.
 */
import type { QueryConfig } from 'pg';
import type { Finding, SourceId } from '../definitions/eligibility';
import type { VerificationReport } from '../definitions/verification';
import { atomically } from './caseWrites';

export function insertRun(run: { caseId: string; run: number; trigger: string; startedAt: string }): QueryConfig {
  return {
    text: `INSERT INTO verification_runs (case_id, run, trigger, status, started_at)
           VALUES ($1, $2, $3, 'running', $4) ON CONFLICT (case_id, run) DO NOTHING`,
    values: [run.caseId, run.run, run.trigger, run.startedAt],
  };
}

/** Rows are written only into a run still open: a closed run is what its report says, nothing more. */
const WHILE_RUNNING = `EXISTS (SELECT 1 FROM verification_runs r WHERE r.case_id = $1 AND r.run = $2 AND r.status = 'running')`;

/**
 * One source's answer and its findings, as one statement. An answer that arrives after its run was
 * closed (an attempt that had already timed out and finished anyway) writes nothing.
 */
export function insertAnswer(args: {
  caseId: string;
  run: number;
  sourceId: SourceId;
  answeredAt: string;
  findings: readonly Finding[];
}): QueryConfig {
  const { caseId, run, sourceId, findings } = args;
  const outcome: QueryConfig = {
    text: `INSERT INTO verification_sources (case_id, run, source_id, status, answered_at, finding_count)
           SELECT $1, $2, $3, 'answered', $4, $5 WHERE ${WHILE_RUNNING}
           ON CONFLICT (case_id, run, source_id) DO NOTHING`,
    values: [caseId, run, sourceId, args.answeredAt, findings.length],
  };
  if (findings.length === 0) return outcome;
  // unnest keeps it one statement with a fixed number of parameters however many findings there are.
  const rows: QueryConfig = {
    text: `INSERT INTO verification_findings (case_id, run, source_id, reference, member_id_number, kind, category,
             amount, count, record_date, detail)
           SELECT $1, $2, $3, f.* FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[],
             $9::int[], $10::date[], $11::text[]) AS f
           WHERE ${WHILE_RUNNING}
           ON CONFLICT (case_id, run, source_id, reference) DO NOTHING`,
    values: [
      caseId,
      run,
      sourceId,
      findings.map((f) => f.reference),
      findings.map((f) => f.memberIdNumber ?? null),
      findings.map((f) => f.kind),
      findings.map((f) => f.category ?? null),
      findings.map((f) => f.amount ?? null),
      findings.map((f) => f.count ?? null),
      findings.map((f) => f.date ?? null),
      findings.map((f) => f.detail),
    ],
  };
  return atomically([rows, outcome]);
}

/**
 * Closes a run with its report. The sources the workflow counted as silent are recorded as such,
 * overwriting (and removing the findings of) a late answer from an attempt that had timed out: the
 * stored run must be exactly what the eligibility evaluation saw. A closed run stays as it was.
 */
export function closeRun(report: VerificationReport): QueryConfig {
  const { caseId, run, eligibility } = report;
  const silent = report.sources.filter((s) => s.status !== 'answered');
  const statements: QueryConfig[] = [];
  if (silent.length > 0) {
    statements.push(
      {
        text: `DELETE FROM verification_findings WHERE case_id = $1 AND run = $2 AND source_id = ANY($3::text[])
                 AND ${WHILE_RUNNING}`,
        values: [caseId, run, silent.map((s) => s.sourceId)],
      },
      {
        text: `INSERT INTO verification_sources (case_id, run, source_id, status, finding_count, error_zh)
               SELECT $1, $2, s.source_id, s.status, 0, s.error_zh
                 FROM unnest($3::text[], $4::text[], $5::text[]) AS s (source_id, status, error_zh)
                WHERE ${WHILE_RUNNING}
               ON CONFLICT (case_id, run, source_id) DO UPDATE SET status = EXCLUDED.status,
                 answered_at = NULL, finding_count = 0, error_zh = EXCLUDED.error_zh`,
        values: [caseId, run, silent.map((s) => s.sourceId), silent.map((s) => s.status), silent.map((s) => s.errorZh)],
      }
    );
  }
  statements.push({
    text: `UPDATE verification_runs SET status = 'completed', completed_at = $3, complete = $4, eligible = $5,
             flagged = $6, monthly_amount = $7, summary_zh = $8, report = $9
           WHERE case_id = $1 AND run = $2 AND status = 'running'`,
    values: [
      caseId,
      run,
      report.completedAt,
      report.complete,
      eligibility.eligible,
      eligibility.flagged,
      eligibility.benefit?.monthlyAmount ?? null,
      eligibility.summaryZh,
      JSON.stringify(report),
    ],
  });
  return atomically(statements);
}
