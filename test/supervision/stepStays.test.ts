/**
 * Time per step, as the supervisors' statistics measure it: a stay is kept when the audit trail
 * leaves the step (migration 009), an event inside a step does not end it, an open stay is not
 * counted, and the 90th percentile read from the duration histogram stays within 0.5 % of the exact
 * nearest-rank value. Rows are written the way the activities write them, under a county of this
 * file's own, so the counts are exactly this file's cases.
 */
import { Pool } from 'pg';
import type { AuditRecord } from '../../db/records';
import { atomically, insertAudit } from '../../db/caseWrites';
import { supervisionStats } from '../../db/supervisionQueries';
import { testEnvironment } from '../support/environment';

const COUNTY = '379972';
const TOWNSHIP = `${COUNTY}121`;
const VILLAGE = `${TOWNSHIP}001`;
const SUBMITTED = Date.parse('2026-03-02T01:00:00Z');
const HOUR = 3_600_000;

let pool: Pool;
let counter = 0;

beforeAll(() => {
  pool = new Pool({ connectionString: testEnvironment().databaseUrl, max: 2 });
});
afterAll(async () => {
  await pool?.end();
});

async function insertCase(id: string): Promise<void> {
  await pool.query(
    `INSERT INTO cases (id, program, definition_version, status, step, step_label_zh, state_value, county_code,
                        township_code, village_code, version, submitted_at, updated_at)
     VALUES ($1, 'dibao', 'dibao@test', 'active', 'intake', '受理', '"intake"', $2, $3, $4, 0, $5, $5)`,
    [id, COUNTY, TOWNSHIP, VILLAGE, new Date(SUBMITTED).toISOString()]
  );
}

/** Appends the case's audit lines: [event, from, to, hours after submission]. */
async function writeTrail(lines: [string, string | null, string, number][]): Promise<string> {
  const id = `DB-${COUNTY}-stays${String((counter += 1)).padStart(12, '0')}`;
  await insertCase(id);
  for (const [seq, [event, from, to, hours]] of lines.entries()) {
    const line: AuditRecord = {
      caseId: id,
      seq,
      actor: { userId: 'u', role: 'township', org: TOWNSHIP },
      event,
      fromState: from,
      toState: to,
      comment: null,
      payload: {},
      occurredAt: new Date(SUBMITTED + hours * HOUR).toISOString(),
    };
    await pool.query(atomically([insertAudit(line)]));
  }
  return id;
}

const period = { org: COUNTY, from: '2026-03-01T16:00:00Z', to: '2026-03-02T16:00:00Z' };

describe('supervision statistics / time per step', () => {
  it('measures a stay from the step change into it to the next step change, not to events inside it', async () => {
    const id = await writeTrail([
      ['SUBMIT', null, 'intake', 0],
      ['ACCEPT', 'intake', 'investigation', 2],
      ['DATA_CHECK_COMPLETED', 'investigation', 'investigation', 3],
      ['RECORD_HOME_VISIT', 'investigation', 'firstReview', 52],
    ]);
    const { rows } = await pool.query<{ step: string; hours: number }>(
      'SELECT step, hours FROM step_stays WHERE case_id = $1 ORDER BY seq',
      [id]
    );
    expect(rows).toEqual([
      { step: 'intake', hours: 2 },
      { step: 'investigation', hours: 50 },
    ]);
  });

  it('gives the exact average and the 90th percentile within 0.5 % over many cases; open stays are left out', async () => {
    // 19 more intake stays of 1..19 hours beside the first test's 2 hours: 20 stays in all.
    const lengths = [2, ...Array.from({ length: 19 }, (_, i) => i + 1)];
    for (const hours of lengths.slice(1)) {
      await writeTrail([
        ['SUBMIT', null, 'intake', 0],
        ['ACCEPT', 'intake', 'investigation', hours],
      ]);
    }
    const stats = await supervisionStats(pool, period);
    const intake = stats.steps.find((s) => s.step === 'intake');
    const sorted = [...lengths].sort((a, b) => a - b);
    const average = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    const nearestRank = sorted[Math.ceil(0.9 * sorted.length) - 1]!;
    expect(intake).toMatchObject({ program: 'dibao', completed: 20, avgHours: Math.round(average * 10) / 10 });
    expect(Math.abs(intake!.p90Hours - nearestRank) / (1 + nearestRank)).toBeLessThanOrEqual(0.005);
    // The first case's investigation ended; every other case is still in it.
    expect(stats.steps.find((s) => s.step === 'investigation')).toMatchObject({ completed: 1, avgHours: 50 });
    expect(stats.steps.find((s) => s.step === 'firstReview')).toBeUndefined();
  });

  it('counts only the cases of the org asked for', async () => {
    const stats = await supervisionStats(pool, { ...period, org: `${COUNTY}122` });
    expect(stats.steps).toEqual([]);
    expect(stats.byState).toEqual([]);
  });
});
