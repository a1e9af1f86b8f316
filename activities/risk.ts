/**
 * Risk assessment and the integrity register's automatic records, as activities. The rules are
 * pure (definitions/risk, definitions/integrity); these only read facts, resolve the county's
 * figures and write rows, each write idempotent on its natural key.
 */
import type { Pool, QueryConfig } from 'pg';
import { chinaDate } from '../definitions/calendar';
import { dishonestyOfChecks, dishonestyOfEvent, expiresAt } from '../definitions/integrity';
import { amountAboveComputedWarnings, assessCase, resolveRiskRules } from '../definitions/risk';
import { addMonths } from '../definitions/shared/dates';
import type { ConfigEntry } from '../definitions/shared/rulesConfig';
import type { VerificationReport } from '../definitions/verification';
import { insertCaseDishonesty } from '../db/integrityRegister';
import { activeCaseIds, gatherCaseFacts } from '../db/riskFacts';
import { upsertWarnings } from '../db/riskWarnings';
import type { AuditRecord, CaseRecord } from '../db/records';

export interface RiskDependencies {
  pool: Pool;
  /** A deployment's own rules entries (RULES_FILE): a county's risk figures. */
  riskConfigEntries?: readonly ConfigEntry[];
}

export function createRiskActivities({ pool, riskConfigEntries = [] }: RiskDependencies) {
  const rulesFor = (county: string, at: string) => resolveRiskRules(county, chinaDate(new Date(at)), riskConfigEntries);

  return {
    /** Runs every risk rule over one case and stores what they find; returns how many warnings. */
    async assessRisks({ caseId }: { caseId: string }): Promise<{ warnings: number }> {
      const county = await pool.query<{ county_code: string }>(
        'SELECT county_code FROM applications WHERE case_id = $1',
        [caseId]
      );
      const countyCode = county.rows[0]?.county_code;
      if (countyCode === undefined) return { warnings: 0 };
      const now = new Date().toISOString();
      const rules = rulesFor(countyCode, now);
      const gathered = await gatherCaseFacts(pool, caseId, {
        program: rules.temporaryHelp.program.value,
        since: addMonths(now, -rules.temporaryHelp.windowMonths.value),
      });
      if (!gathered) return { warnings: 0 };
      const warnings = assessCase(gathered.facts, rules);
      if (warnings.length > 0) await pool.query(upsertWarnings(warnings, gathered.scope));
      return { warnings: warnings.length };
    },

    /** The next batch of active cases for the periodic sweep, in id order after `after` (one county's, if given). */
    async nextActiveCases({
      after,
      limit,
      county = null,
    }: {
      after: string | null;
      limit: number;
      county?: string | null;
    }): Promise<string[]> {
      return activeCaseIds(pool, after, limit, county);
    },
  };
}

/**
 * The dishonesty record a recorded transition makes (an untruthful home visit, a fraud decision),
 * as a statement to send with the audit line; none for any other event.
 */
export function dishonestyOfTransition(
  audit: AuditRecord,
  countyCode: string,
  riskConfigEntries: readonly ConfigEntry[]
): QueryConfig[] {
  const finding = dishonestyOfEvent(audit.payload);
  if (!finding || finding.source === 'manual' || finding.source === 'dataCheck') return [];
  const rules = resolveRiskRules(countyCode, chinaDate(new Date(audit.occurredAt)), riskConfigEntries);
  return [
    insertCaseDishonesty({
      caseId: audit.caseId,
      source: finding.source,
      sourceRef: `seq:${audit.seq}`,
      reasonZh: finding.reasonZh,
      recordedBy: audit.actor.userId,
      createdAt: audit.occurredAt,
      expiresAt: expiresAt(audit.occurredAt, rules.dishonesty.expiryMonths.value),
    }),
  ];
}

/**
 * The warning a recorded decision raises when it set an amount above what the case's rules give,
 * as a statement to send with the audit line (keyed on the line, so a retry refreshes it); none
 * for any other event.
 */
export function warningsOfTransition(audit: AuditRecord, caseRecord: CaseRecord): QueryConfig[] {
  const warnings = amountAboveComputedWarnings(audit);
  if (warnings.length === 0) return [];
  const scope = { county: caseRecord.countyCode, township: caseRecord.townshipCode, village: caseRecord.villageCode };
  return [upsertWarnings(warnings, scope)];
}

/** The dishonesty record a closed check run makes when it found the declaration untrue. */
export async function dishonestyOfCheckRun(
  pool: Pool,
  report: VerificationReport,
  riskConfigEntries: readonly ConfigEntry[]
): Promise<QueryConfig[]> {
  const finding = dishonestyOfChecks(report.eligibility.checks);
  if (!finding) return [];
  const { rows } = await pool.query<{ county_code: string }>(
    'SELECT county_code FROM applications WHERE case_id = $1',
    [report.caseId]
  );
  const county = rows[0]?.county_code;
  if (county === undefined) return [];
  const rules = resolveRiskRules(county, chinaDate(new Date(report.completedAt)), riskConfigEntries);
  return [
    insertCaseDishonesty({
      caseId: report.caseId,
      source: 'dataCheck',
      sourceRef: `run:${report.run}`,
      reasonZh: finding.reasonZh,
      recordedBy: 'system',
      createdAt: report.completedAt,
      expiresAt: expiresAt(report.completedAt, rules.dishonesty.expiryMonths.value),
    }),
  ];
}
