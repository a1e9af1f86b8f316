/**
 * SQL that records what happens to a case. Every statement is keyed by a natural key — the case
 * id and the event's sequence number — so an activity that is retried writes nothing twice, and a
 * stale write (an older version arriving late) never overwrites a newer row.
 *
 * Functions build statements rather than run them, so related writes can be sent as one
 * statement (`atomically`): one round trip, and all or nothing without a BEGIN/COMMIT exchange.
 */
import type { QueryConfig } from 'pg';
import type { AuditRecord, CaseRecord, DisbursementRecord, NoticeRecord } from './records';
import type { CaseIntake } from '../definitions/shared/intake';
import { isHouseholdApplication } from '../definitions/shared/intake';

export function upsertCase(c: CaseRecord): QueryConfig {
  return statement(
    `INSERT INTO cases (id, program, definition_version, status, step, step_label_zh, state_value,
       county_code, township_code, village_code, owner_role, owner_org, pending_roles, due_at, overall_due_at,
       close_relative, monthly_amount, accepted_at, decided_at, closed_at, version, submitted_at, updated_at, view)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)
     ON CONFLICT (id) DO UPDATE SET
       definition_version = EXCLUDED.definition_version, status = EXCLUDED.status, step = EXCLUDED.step,
       step_label_zh = EXCLUDED.step_label_zh, state_value = EXCLUDED.state_value,
       owner_role = EXCLUDED.owner_role, owner_org = EXCLUDED.owner_org, pending_roles = EXCLUDED.pending_roles,
       due_at = EXCLUDED.due_at, overall_due_at = EXCLUDED.overall_due_at, close_relative = EXCLUDED.close_relative,
       monthly_amount = EXCLUDED.monthly_amount, accepted_at = EXCLUDED.accepted_at, decided_at = EXCLUDED.decided_at,
       closed_at = EXCLUDED.closed_at, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at,
       view = EXCLUDED.view
     WHERE cases.version < EXCLUDED.version`,
    [
      c.id,
      c.program,
      c.definitionVersion,
      c.status,
      c.step,
      c.stepLabelZh,
      JSON.stringify(c.stateValue),
      c.countyCode,
      c.townshipCode,
      c.villageCode,
      c.ownerRole,
      c.ownerOrg,
      c.pendingRoles,
      c.dueAt,
      c.overallDueAt,
      c.closeRelative,
      c.monthlyAmount,
      c.acceptedAt,
      c.decidedAt,
      c.closedAt,
      c.version,
      c.submittedAt,
      c.updatedAt,
      c.view === undefined ? null : JSON.stringify(c.view),
    ]
  );
}

export function insertAudit(a: AuditRecord): QueryConfig {
  return statement(
    `INSERT INTO case_events (case_id, seq, actor_user, actor_role, actor_org, event, from_state, to_state,
       comment, payload, occurred_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
     ON CONFLICT (case_id, seq) DO NOTHING`,
    [
      a.caseId,
      a.seq,
      a.actor.userId,
      a.actor.role,
      a.actor.org,
      a.event,
      a.fromState,
      a.toState,
      a.comment,
      JSON.stringify(a.payload),
      a.occurredAt,
    ]
  );
}

/**
 * The case's start record. A referral is stored here too (work lists and the audit join on it),
 * with its request as the form: one person, the one referred, and no household members to match.
 */
export function insertApplication(
  caseId: string,
  app: CaseIntake,
  submittedBy: string,
  submittedAt: string,
  householdId: string | null = null
): QueryConfig {
  return statement(
    `INSERT INTO applications (case_id, program, county_code, township_code, village_code, applicant_name,
       applicant_id, household_size, form, submitted_by, submitted_at, household_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
     ON CONFLICT (case_id) DO NOTHING`,
    [
      caseId,
      app.program,
      app.orgs.county,
      app.orgs.township,
      app.orgs.village,
      app.applicant.name,
      app.applicant.idNumber,
      isHouseholdApplication(app) ? app.household.members.length : 1,
      JSON.stringify(app),
      submittedBy,
      submittedAt,
      householdId,
    ]
  );
}

export function insertNotice(n: NoticeRecord): QueryConfig {
  return statement(
    `INSERT INTO notices (case_id, seq, kind, title_zh, body_zh, issued_at) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (case_id, seq, kind) DO NOTHING`,
    [n.caseId, n.seq, n.notice.kind, n.notice.titleZh, n.notice.bodyZh, n.issuedAt]
  );
}

export function insertDisbursement(d: DisbursementRecord): QueryConfig {
  return statement(
    `INSERT INTO disbursements (case_id, program, county_code, period, amount, decided_at)
     VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (case_id, period) DO NOTHING`,
    [d.caseId, d.program, d.countyCode, d.period, d.amount, d.decidedAt]
  );
}

function statement(text: string, values: unknown[]): QueryConfig {
  return { text, values };
}

/**
 * Several INSERT/UPSERT statements as one: all but the last become data-modifying CTEs, which
 * PostgreSQL always runs, in one statement and so in one implicit transaction.
 */
export function atomically(statements: QueryConfig[]): QueryConfig {
  const values: unknown[] = [];
  const texts = statements.map((s) => {
    const offset = values.length;
    values.push(...((s.values ?? []) as unknown[]));
    return s.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const last = texts.pop() ?? '';
  const ctes = texts.map((text, i) => `w${i} AS (${text})`);
  return { text: ctes.length > 0 ? `WITH ${ctes.join(', ')} ${last}` : last, values };
}
