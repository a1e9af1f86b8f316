/**
 * The bare baseline's activities. `touch` writes what a Yilian record activity writes, in size:
 * one upsert of the case's row and one insert of an event row, with bodies of the byte sizes the
 * Yilian side's rows have (measured from its own rows in the same run), carried through Temporal
 * as the activity's input as Yilian's records are. `touchLocally` is the data check's per-source
 * step: a round trip and nothing else.
 */
import type { Pool } from 'pg';

export interface TouchInput {
  workflowId: string;
  seq: number;
  caseBody: string;
  eventBody: string;
}

export const bareTablesSql = `
  CREATE TABLE IF NOT EXISTS bench_bare_cases (workflow_id text PRIMARY KEY, seq int NOT NULL, body text NOT NULL);
  CREATE TABLE IF NOT EXISTS bench_bare_events (workflow_id text NOT NULL, seq int NOT NULL, body text NOT NULL,
    PRIMARY KEY (workflow_id, seq));`;

export function createBareActivities(pool: Pool) {
  return {
    async touch({ workflowId, seq, caseBody, eventBody }: TouchInput): Promise<void> {
      // One statement, as Yilian's record writes its rows in one round trip.
      await pool.query(
        `WITH e AS (INSERT INTO bench_bare_events (workflow_id, seq, body) VALUES ($1, $2, $4) ON CONFLICT DO NOTHING)
         INSERT INTO bench_bare_cases (workflow_id, seq, body) VALUES ($1, $2, $3)
         ON CONFLICT (workflow_id) DO UPDATE SET seq = EXCLUDED.seq, body = EXCLUDED.body
         WHERE bench_bare_cases.seq < EXCLUDED.seq`,
        [workflowId, seq, caseBody, eventBody]
      );
    },
    touchLocally(): Promise<void> {
      // Deliberately empty: Temporal's own cost of a local activity.
      return Promise.resolve();
    },
  };
}

export type BareActivities = ReturnType<typeof createBareActivities>;
