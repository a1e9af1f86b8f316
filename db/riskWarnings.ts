/**
 * Risk warnings in PostgreSQL: stored by the assessment (one row per case and dedup key, so a
 * re-run refreshes rather than duplicates), listed for supervisors under their org, and moved
 * through their states with an optimistic version like the work lists' tasks.
 */
import type { Pool, QueryConfig } from 'pg';
import type { RiskRule, RiskWarning, WarningMove, WarningState } from '../definitions/risk';
import { allowedMoves, riskRuleLabelsZh, warningStateLabelsZh } from '../definitions/risk';
import type { CaseScope } from './riskFacts';

/** All of one case's warnings as one statement; the facts found again only refresh last_seen_at. */
export function upsertWarnings(warnings: readonly RiskWarning[], scope: CaseScope): QueryConfig {
  return {
    text: `INSERT INTO risk_warnings (case_id, rule, severity, subject_kind, subject_key, dedup_key, related_case_ids,
             explanation_zh, details, county_code, township_code, village_code)
           SELECT w.case_id, w.rule, w.severity, w.subject_kind, w.subject_key, w.dedup_key,
                  ARRAY(SELECT jsonb_array_elements_text(w.related)), w.explanation_zh, w.details, $10, $11, $12
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                         $8::text[], $9::jsonb[])
               AS w (case_id, rule, severity, subject_kind, subject_key, dedup_key, related, explanation_zh, details)
           ON CONFLICT (case_id, dedup_key) DO UPDATE SET last_seen_at = now()`,
    values: [
      warnings.map((w) => w.caseId),
      warnings.map((w) => w.rule),
      warnings.map((w) => w.severity),
      warnings.map((w) => w.subject.kind),
      warnings.map((w) => w.subject.key),
      warnings.map((w) => w.dedupKey),
      warnings.map((w) => JSON.stringify(w.relatedCaseIds)),
      warnings.map((w) => w.explanationZh),
      warnings.map((w) => JSON.stringify(w.details)),
      scope.county,
      scope.township,
      scope.village,
    ],
  };
}

export interface WarningRow {
  id: number;
  caseId: string;
  rule: RiskRule;
  ruleLabelZh: string;
  severity: RiskWarning['severity'];
  subject: RiskWarning['subject'];
  relatedCaseIds: string[];
  explanationZh: string;
  details: Record<string, unknown>;
  orgs: { county: string; township: string; village: string };
  applicantName: string | null;
  state: WarningState;
  stateLabelZh: string;
  allowedMoves: WarningMove[];
  acknowledged: { by: string; at: string; note: string | null } | null;
  resolved: { by: string; at: string; note: string | null } | null;
  version: number;
  createdAt: string;
  lastSeenAt: string;
}

interface RawWarning {
  id: string;
  case_id: string;
  rule: RiskRule;
  severity: RiskWarning['severity'];
  subject_kind: RiskWarning['subject']['kind'];
  subject_key: string;
  related_case_ids: string[];
  explanation_zh: string;
  details: Record<string, unknown>;
  county_code: string;
  township_code: string;
  village_code: string;
  applicant_name: string | null;
  state: WarningState;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  acknowledge_note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolve_note: string | null;
  version: number;
  created_at: Date;
  last_seen_at: Date;
}

const SELECT_WARNING = `
  SELECT w.*, a.applicant_name FROM risk_warnings w LEFT JOIN applications a ON a.case_id = w.case_id`;

const stamp = (by: string | null, at: Date | null, note: string | null) =>
  by !== null && at !== null ? { by, at: at.toISOString(), note } : null;

function toWarning(r: RawWarning): WarningRow {
  return {
    id: Number(r.id),
    caseId: r.case_id,
    rule: r.rule,
    ruleLabelZh: riskRuleLabelsZh[r.rule],
    severity: r.severity,
    subject: { kind: r.subject_kind, key: r.subject_key },
    relatedCaseIds: r.related_case_ids,
    explanationZh: r.explanation_zh,
    details: r.details,
    orgs: { county: r.county_code, township: r.township_code, village: r.village_code },
    applicantName: r.applicant_name,
    state: r.state,
    stateLabelZh: warningStateLabelsZh[r.state],
    allowedMoves: allowedMoves(r.state),
    acknowledged: stamp(r.acknowledged_by, r.acknowledged_at, r.acknowledge_note),
    resolved: stamp(r.resolved_by, r.resolved_at, r.resolve_note),
    version: r.version,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
  };
}

export interface WarningFilter {
  /** Org prefix: the caller's org or one beneath it. */
  org: string;
  state?: WarningState;
  rule?: RiskRule;
  caseId?: string;
  after?: { createdAt: string; id: number };
  limit: number;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listWarnings(pool: Pool, f: WarningFilter): Promise<WarningRow[]> {
  const { rows } = await pool.query<RawWarning>(
    `${SELECT_WARNING}
      WHERE w.village_code LIKE $1 || '%'
        AND ($2::text IS NULL OR w.state = $2) AND ($3::text IS NULL OR w.rule = $3)
        AND ($4::text IS NULL OR w.case_id = $4)
        AND ($5::timestamptz IS NULL OR (w.created_at, w.id) < ($5::timestamptz, $6::bigint))
      ORDER BY w.created_at DESC, w.id DESC
      LIMIT $7`,
    [f.org, f.state ?? null, f.rule ?? null, f.caseId ?? null, f.after?.createdAt ?? null, f.after?.id ?? 0, f.limit]
  );
  return rows.map(toWarning);
}

export async function warningById(pool: Pool, id: number): Promise<WarningRow | undefined> {
  const { rows } = await pool.query<RawWarning>(`${SELECT_WARNING} WHERE w.id = $1`, [id]);
  return rows[0] ? toWarning(rows[0]) : undefined;
}

/** The open and acknowledged warnings of a case, for its reviewers. */
export async function liveWarningsOfCase(pool: Pool, caseId: string): Promise<WarningRow[]> {
  const { rows } = await pool.query<RawWarning>(
    `${SELECT_WARNING} WHERE w.case_id = $1 AND w.state <> 'resolved' ORDER BY w.created_at, w.id`,
    [caseId]
  );
  return rows.map(toWarning);
}

/**
 * Moves a warning from `from` to `to` if it is still at `version` and in `from`; false when it
 * changed meanwhile (the caller reads it again to say why).
 */
export async function moveWarning(
  pool: Pool,
  move: { id: number; version: number; from: WarningState; to: WarningState; by: string; note: string | null }
): Promise<boolean> {
  const columns =
    move.to === 'acknowledged'
      ? 'acknowledged_by = $5, acknowledged_at = now(), acknowledge_note = $6'
      : 'resolved_by = $5, resolved_at = now(), resolve_note = $6';
  const { rowCount } = await pool.query(
    `UPDATE risk_warnings SET state = $4, ${columns}, version = version + 1
      WHERE id = $1 AND version = $2 AND state = $3`,
    [move.id, move.version, move.from, move.to, move.by, move.note]
  );
  return rowCount === 1;
}
