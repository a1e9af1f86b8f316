/**
 * Records a supervisor's termination of a stuck case: one audit line (through insertAudit, so the
 * hash-chain trigger links it like any other row), the read-model case marked done at the
 * `terminatedBySupervisor` step, and its open tasks closed, in one transaction.
 *
 * Runs only after Temporal has terminated the run, so the workflow writes nothing more; the line's
 * seq is the next after everything recorded so far. An activity attempt that was already running
 * when the run was terminated may still land: if it takes the seq first, this transaction retries
 * with the next one; if it comes later, its ON CONFLICT / version guard makes it a no-op.
 */
import type { Pool, PoolClient } from 'pg';
import type { Actor } from '../definitions/shared/actors';
import { insertAudit } from './caseWrites';

export interface TerminationRecord {
  caseId: string;
  actor: Actor;
  reason: string;
  /** Step shown before the termination (read model or search attribute), null when unknown. */
  fromStep: string | null;
  toStep: string;
  toStepLabelZh: string;
  event: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface RecordedTermination {
  seq: number;
  /** False when the read model has no row for the case (stopped before its submission was written). */
  caseRowUpdated: boolean;
}

/** The termination line already recorded for a case, if any. */
export async function findTermination(
  pool: Pool,
  caseId: string,
  event: string
): Promise<{ seq: number; occurredAt: string; actorUser: string; comment: string | null } | undefined> {
  const { rows } = await pool.query<{ seq: number; occurred_at: Date; actor_user: string; comment: string | null }>(
    `SELECT seq, occurred_at, actor_user, comment FROM case_events WHERE case_id = $1 AND event = $2
      ORDER BY seq LIMIT 1`,
    [caseId, event]
  );
  const row = rows[0];
  return row
    ? { seq: row.seq, occurredAt: row.occurred_at.toISOString(), actorUser: row.actor_user, comment: row.comment }
    : undefined;
}

/** The case's step in the read model and its village (for scope), when the case has a row. */
export async function readModelPlace(
  pool: Pool,
  caseIds: readonly string[]
): Promise<Map<string, { step: string; stepLabelZh: string; village: string }>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await pool.query<{ id: string; step: string; step_label_zh: string; village_code: string }>(
    'SELECT id, step, step_label_zh, village_code FROM cases WHERE id = ANY($1::text[])',
    [caseIds]
  );
  return new Map(rows.map((r) => [r.id, { step: r.step, stepLabelZh: r.step_label_zh, village: r.village_code }]));
}

const SEQ_ATTEMPTS = 3;

export async function recordTermination(pool: Pool, record: TerminationRecord): Promise<RecordedTermination> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const recorded = await writeTermination(client, record);
      if (recorded) {
        await client.query('COMMIT');
        return recorded;
      }
      await client.query('ROLLBACK');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    if (attempt >= SEQ_ATTEMPTS) throw new Error(`Could not find a free audit seq for ${record.caseId}`);
  }
}

/** undefined when the seq was taken meanwhile (the caller retries with a fresh one). */
async function writeTermination(
  client: PoolClient,
  record: TerminationRecord
): Promise<RecordedTermination | undefined> {
  // Lock the case row (when there is one) so two writers of the same case queue here.
  const locked = await client.query<{ version: number }>('SELECT version FROM cases WHERE id = $1 FOR UPDATE', [
    record.caseId,
  ]);
  const { rows } = await client.query<{ last: number | null }>(
    'SELECT MAX(seq) AS last FROM case_events WHERE case_id = $1',
    [record.caseId]
  );
  const seq = Math.max(rows[0]?.last ?? -1, locked.rows[0]?.version ?? -1) + 1;
  const audit = await client.query(
    insertAudit({
      caseId: record.caseId,
      seq,
      actor: record.actor,
      event: record.event,
      fromState: record.fromStep,
      toState: record.toStep,
      comment: record.reason,
      payload: record.payload,
      occurredAt: record.occurredAt,
    })
  );
  if (audit.rowCount !== 1) return undefined;
  const updated = await client.query(
    `UPDATE cases SET status = 'done', step = $2, step_label_zh = $3, owner_role = NULL, owner_org = NULL,
       pending_roles = '{}', due_at = NULL, closed_at = $4, updated_at = $4, version = $5
     WHERE id = $1`,
    [record.caseId, record.toStep, record.toStepLabelZh, record.occurredAt, seq]
  );
  await client.query(
    `UPDATE tasks SET status = 'done', claimed_by = NULL, claimed_at = NULL, closed_seq = $2, closed_at = $3,
       closed_by = $4, closed_by_role = $5, version = version + 1
     WHERE case_id = $1 AND status IN ('open', 'claimed')`,
    [record.caseId, seq, record.occurredAt, record.actor.userId, record.actor.role]
  );
  return { seq, caseRowUpdated: updated.rowCount === 1 };
}
