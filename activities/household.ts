/**
 * The household application workflow's I/O: its form and its one pledge, recorded idempotently
 * (keyed by the household id) before its child cases start.
 */
import type { Pool } from 'pg';
import type { HouseholdSubmission } from '../db/householdRecords';
import { insertHousehold } from '../db/householdRecords';

export function createHouseholdActivities({ pool }: { pool: Pool }) {
  return {
    async recordHouseholdSubmission(submission: HouseholdSubmission): Promise<void> {
      await pool.query(insertHousehold(submission));
    },
  };
}
