/**
 * Keeps the work lists in step with the case: with every recorded transition, tasks for steps the
 * case has left are closed (by the event's actor) and tasks for steps it now waits on are opened.
 * Both statements join the transition's own statement, so a task list never disagrees with the
 * audit trail, and both are no-ops for a transition older than the one already recorded.
 */
import type { QueryConfig } from 'pg';
import type { AuditRecord, CaseRecord } from './records';

/** True while no newer transition of the case has been recorded (statements share one snapshot). */
const NOT_STALE = `$2 > COALESCE((SELECT c.version FROM cases c WHERE c.id = $1), -1)`;

export function syncTasks(caseRecord: CaseRecord, audit: AuditRecord): QueryConfig[] {
  const live = caseRecord.tasks;
  const close: QueryConfig = {
    text: `UPDATE tasks SET status = 'done', closed_seq = $2, closed_at = $3, closed_by = $4, closed_by_role = $5,
             version = version + 1
           WHERE case_id = $1 AND status IN ('open', 'claimed') AND ${NOT_STALE}
             AND (step, candidate_role) NOT IN (SELECT * FROM unnest($6::text[], $7::text[]))`,
    values: [
      caseRecord.id,
      caseRecord.version,
      audit.occurredAt,
      audit.actor.userId,
      audit.actor.role,
      live.map((t) => t.step),
      live.map((t) => t.role),
    ],
  };
  if (live.length === 0) return [close];
  const open: QueryConfig = {
    text: `INSERT INTO tasks (case_id, step, step_label_zh, candidate_role, candidate_org, due_at, status, opened_seq,
             opened_at)
           SELECT $1, t.step, t.label, t.role, t.org, t.due_at, 'open', $2, $3
             FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
                  AS t (step, label, role, org, due_at)
            WHERE ${NOT_STALE}
              AND NOT EXISTS (SELECT 1 FROM tasks x WHERE x.case_id = $1 AND x.step = t.step
                                AND x.candidate_role = t.role AND x.status IN ('open', 'claimed'))
           ON CONFLICT DO NOTHING`,
    values: [
      caseRecord.id,
      caseRecord.version,
      audit.occurredAt,
      live.map((t) => t.step),
      live.map((t) => t.stepLabelZh),
      live.map((t) => t.role),
      live.map((t) => t.org),
      live.map((t) => t.dueAt),
    ],
  };
  return [close, open];
}
