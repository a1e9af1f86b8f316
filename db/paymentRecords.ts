/**
 * Statements that record payments' bookkeeping beside the money: an approved case's entitlement,
 * and a cycle's state as its workflow moves it. Keyed on natural keys, so retries write nothing twice.
 */
import type { QueryConfig } from 'pg';
import type { Payee, Stage } from '../definitions/payments';
import { scheduleTotal } from '../definitions/payments';
import type { Actor } from '../definitions/shared/actors';

export interface EntitlementRecord {
  caseId: string;
  program: string;
  countyCode: string;
  amount: number;
  startPeriod: string;
  fundCode: string;
  decidedAt: string;
}

/**
 * A monthly entitlement for an approved case; the household (applicant) and the account come from
 * the case's application, in the same statement. A second approval of the same case is a no-op.
 */
export function insertEntitlement(e: EntitlementRecord): QueryConfig {
  return {
    text: `INSERT INTO entitlements (case_id, program, kind, county_code, applicant_id, amount, start_period, payee,
                                     fund_code, decided_at)
           SELECT $1, $2, 'monthly', $3, a.applicant_id, $4, $5, NULLIF(a.form -> 'payee', 'null'::jsonb), $6, $7
             FROM applications a WHERE a.case_id = $1
           ON CONFLICT (case_id) DO NOTHING`,
    values: [e.caseId, e.program, e.countyCode, e.amount, e.startPeriod, e.fundCode, e.decidedAt],
  };
}

export interface CycleStateRecord {
  cycleId: string;
  county: string;
  period: string;
  state: string;
  preparer: Actor | null;
  approver: Actor | null;
  rules: unknown;
  /** The workflow's event count; an older state arriving late never overwrites a newer one. */
  version: number;
  updatedAt: string;
}

export function upsertCycleState(c: CycleStateRecord): QueryConfig {
  return {
    text: `INSERT INTO payment_cycles (id, county_code, period, state, preparer, approver, rules, version, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, preparer = EXCLUDED.preparer,
             approver = EXCLUDED.approver, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
           WHERE payment_cycles.version < EXCLUDED.version`,
    values: [
      c.cycleId,
      c.county,
      c.period,
      c.state,
      c.preparer?.userId ?? null,
      c.approver?.userId ?? null,
      JSON.stringify(c.rules),
      c.version,
      c.updatedAt,
    ],
  };
}

export interface ScheduledEntitlementRecord {
  caseId: string;
  program: string;
  kind: 'staged' | 'helpFirst';
  countyCode: string;
  applicantId: string;
  schedule: Stage[];
  payee: Payee | null;
  fundCode: string;
  decidedAt: string;
}

/** A case's scheduled help, with the household and its account read from the case's application row. */
export function insertCaseSchedule(e: Omit<ScheduledEntitlementRecord, 'applicantId' | 'payee'>): QueryConfig {
  const periods = e.schedule.map((s) => s.period);
  return {
    text: `INSERT INTO entitlements (case_id, program, kind, county_code, applicant_id, amount, start_period, end_period,
                                     schedule, payee, fund_code, decided_at)
           SELECT $1, $2, $3, $4, a.applicant_id, $5, $6, $7, $8, NULLIF(a.form -> 'payee', 'null'::jsonb), $9, $10
             FROM applications a WHERE a.case_id = $1
           ON CONFLICT (case_id) DO NOTHING`,
    values: [
      e.caseId,
      e.program,
      e.kind,
      e.countyCode,
      scheduleTotal(e.schedule),
      periods[0],
      periods.at(-1),
      JSON.stringify(e.schedule),
      e.fundCode,
      e.decidedAt,
    ],
  };
}

/** Help paid in stages or paid first: one entitlement whose schedule the monthly cycles pay, stage by stage. */
export function insertScheduledEntitlement(e: ScheduledEntitlementRecord): QueryConfig {
  const periods = e.schedule.map((s) => s.period);
  return {
    text: `INSERT INTO entitlements (case_id, program, kind, county_code, applicant_id, amount, start_period, end_period,
                                     schedule, payee, fund_code, decided_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (case_id) DO NOTHING`,
    values: [
      e.caseId,
      e.program,
      e.kind,
      e.countyCode,
      e.applicantId,
      scheduleTotal(e.schedule),
      periods[0],
      periods.at(-1),
      JSON.stringify(e.schedule),
      e.payee ? JSON.stringify(e.payee) : null,
      e.fundCode,
      e.decidedAt,
    ],
  };
}
