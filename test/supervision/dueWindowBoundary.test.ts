/**
 * The edges of the supervisors' due lists, over the real API and PostgreSQL: a case due at the last
 * instant of a due-soon window is in it, one due a millisecond later is not; a case due exactly at
 * the request's instant is still due soon, not overdue. Case rows are written directly (no
 * workflow moves them), under a county of this file's own, so the lists hold exactly these cases.
 */
import { dueSoonUntil } from '../../api/supervision/schemas';
import { listDueCases } from '../../db/supervisionQueries';
import { calendarFor } from '../../definitions/calendar';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

const COUNTY = '379974';
const TOWNSHIP = `${COUNTY}001`;
const supervisor: Person = { userId: 'sup-edge', role: 'supervisor', org: COUNTY };
const THREE_WORKING_DAYS = { amount: 3, unit: 'workingDays' } as const;

let stack: Stack;
let api: TestApi;
let counter = 0;

beforeAll(async () => {
  stack = await openStack('duewindow');
  api = await startApi(stack);
});
afterAll(async () => {
  await api?.close();
  await stack?.close();
});

async function caseDueAt(dueAt: string): Promise<string> {
  const id = `DB-${COUNTY}-edge${String((counter += 1)).padStart(12, '0')}`;
  await stack.pool.query(
    `INSERT INTO cases (id, program, definition_version, status, step, step_label_zh, state_value, county_code,
                        township_code, village_code, version, submitted_at, updated_at, due_at)
     VALUES ($1, 'dibao', 'dibao@test', 'active', 'countyReview', '县级审核确认', '"countyReview"', $2, $3, $4, 0,
             now(), now(), $5)`,
    [id, COUNTY, TOWNSHIP, `${TOWNSHIP}001`, dueAt]
  );
  return id;
}

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('supervision / due-soon window edges', () => {
  it('ends the pure window at the last millisecond of the third working day', () => {
    const thursday = new Date('2026-12-03T02:00:00Z'); // 10:00 in China
    const until = dueSoonUntil(thursday, THREE_WORKING_DAYS, calendarFor(COUNTY));
    // Friday, Monday, Tuesday: the window closes at the end of Tuesday, China time
    expect(until.toISOString()).toBe('2026-12-08T15:59:59.999Z');
  });

  it('lists a case due at the window’s last instant and leaves out one due a millisecond later', async () => {
    // The window depends on the day the request is answered: should the day turn between the
    // expected window and the answer, place the cases again for the new window.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const until = dueSoonUntil(new Date(), THREE_WORKING_DAYS, calendarFor(COUNTY));
      const atEnd = await caseDueAt(until.toISOString());
      const justAfter = await caseDueAt(new Date(until.getTime() + 1).toISOString());
      const res = await api.call('GET', `/api/supervision/due-soon?within=3wd&org=${COUNTY}&limit=200`, supervisor);
      expect(res.status).toBe(200);
      if (res.body.until !== until.toISOString()) continue;
      expect(ids(res.body)).toContain(atEnd);
      expect(ids(res.body)).not.toContain(justAfter);
      return;
    }
    throw new Error('the day turned twice while the test ran');
  });

  it('counts a case due at the answer’s own instant as due soon, and one a millisecond earlier as overdue', async () => {
    const cutoff = new Date(Date.now() + 60_000);
    const atCutoff = await caseDueAt(cutoff.toISOString());
    const before = await caseDueAt(new Date(cutoff.getTime() - 1).toISOString());
    // The lists split at `asOf`; both queries are run as of a minute from now, as the routes run them as of the request.
    const asOf = cutoff.toISOString();
    const filter = { org: COUNTY, ageFrom: 'submitted' as const, limit: 200 };
    const overdue = await listDueCases(stack.pool, { ...filter, window: { kind: 'overdue', asOf } });
    const soon = await listDueCases(stack.pool, {
      ...filter,
      window: { kind: 'dueSoon', asOf, until: new Date(cutoff.getTime() + 3_600_000).toISOString() },
    });
    expect(overdue.map((c) => c.id)).toContain(before);
    expect(overdue.map((c) => c.id)).not.toContain(atCutoff);
    expect(soon.map((c) => c.id)).toContain(atCutoff);
    expect(soon.map((c) => c.id)).not.toContain(before);
  });
});
