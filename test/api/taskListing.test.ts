/** What a work-list row shows beyond the task (api/tasks/listing.ts): pure, on the national calendar. */
import type { TaskRow } from '../../db/taskQueries';
import { calendarFor } from '../../definitions/calendar';
import { cursorAfter, taskCursor, taskListItem } from '../../api/tasks/listing';

const calendar = calendarFor('379901');
const task = (over: Partial<TaskRow>): TaskRow => ({
  id: 1,
  caseId: 'DB-379901-0123456789abcdef0123',
  step: 'investigation.homeVisit.pending',
  stepLabelZh: '待入户调查',
  candidateRole: 'township',
  candidateOrg: '379901381',
  dueAt: null,
  overdue: false,
  status: 'open',
  claimedBy: null,
  claimedAt: null,
  openedAt: '2026-12-01T02:00:00.000Z',
  closedAt: null,
  closedBy: null,
  version: 1,
  applicantName: '欧阳小明',
  caseStep: null,
  caseStepLabelZh: null,
  caseTownship: null,
  townshipNameZh: null,
  ...over,
});
// Thursday 3 December 2026, 10:00 in China.
const now = new Date('2026-12-03T02:00:00.000Z');

describe('work-list rows', () => {
  it('names the program and township and masks the household as a published list does', () => {
    expect(taskListItem(task({}), now, calendar)).toMatchObject({
      program: 'dibao',
      programLabelZh: '最低生活保障',
      township: '379901381',
      householdMasked: '欧阳**',
    });
    expect(taskListItem(task({ caseId: 'TK-379901-x', candidateOrg: '379901' }), now, calendar)).toMatchObject({
      programLabelZh: '特困人员救助供养',
      township: null,
    });
    expect(taskListItem(task({ caseId: 'ZJ-379901-x' }), now, calendar).programLabelZh).toBe('转介');
    expect(taskListItem(task({ applicantName: null }), now, calendar).householdMasked).toBeNull();
  });

  it('names the township from the register, and by its code when the register has no name for it', () => {
    expect(taskListItem(task({ townshipNameZh: '青山镇' }), now, calendar).townshipNameZh).toBe('青山镇');
    expect(taskListItem(task({}), now, calendar).townshipNameZh).toBe('379901381');
    expect(taskListItem(task({ candidateOrg: '379901381004' }), now, calendar).township).toBe('379901381');
    expect(taskListItem(task({ candidateOrg: '379901' }), now, calendar).townshipNameZh).toBeNull();
    // A county's task is about a household in a township: the case's township, not the county.
    const county = task({ candidateOrg: '379901', caseTownship: '379901382', townshipNameZh: '河口乡' });
    expect(taskListItem(county, now, calendar)).toMatchObject({ township: '379901382', townshipNameZh: '河口乡' });
  });

  it('counts working days to the due date, skipping the weekend, and back from it when overdue', () => {
    // Due Tuesday 8 December: Friday 4th and Monday 7th and Tuesday 8th are working days.
    expect(taskListItem(task({ dueAt: '2026-12-08T15:59:59.000Z' }), now, calendar).workingDaysLeft).toBe(3);
    expect(taskListItem(task({ dueAt: '2026-12-03T15:59:59.000Z' }), now, calendar).workingDaysLeft).toBe(0);
    // Fell due Monday 30 November: 1, 2 and 3 December have passed since.
    expect(
      taskListItem(task({ dueAt: '2026-11-30T15:59:59.000Z', overdue: true }), now, calendar).workingDaysLeft
    ).toBe(-3);
    expect(
      taskListItem(task({ dueAt: '2026-11-30T15:59:59.000Z', status: 'done' }), now, calendar).workingDaysLeft
    ).toBeNull();
    expect(taskListItem(task({}), now, calendar).workingDaysLeft).toBeNull();
  });

  it('puts the order and the last row’s key in the cursor, and refuses a forged one', () => {
    const due = task({ id: 7, dueAt: '2026-12-08T15:59:59.000Z' });
    expect(taskCursor.decode(cursorAfter(due, 'dueAt'))).toEqual({ sort: 'dueAt', at: due.dueAt, id: 7 });
    expect(taskCursor.decode(cursorAfter(task({ id: 8 }), '-dueAt'))).toEqual({ sort: '-dueAt', at: null, id: 8 });
    expect(taskCursor.decode(cursorAfter(due, '-openedAt'))).toMatchObject({ at: due.openedAt });
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(taskCursor.decode(forged({ sort: 'dueAt', at: '0000-01-01T00:00:00.000Z', id: 1 }))).toBeUndefined();
    expect(taskCursor.decode(forged({ sort: 'name', at: null, id: 1 }))).toBeUndefined();
    expect(taskCursor.decode(forged({ sort: 'dueAt', at: null, id: 2 ** 80 }))).toBeUndefined();
    expect(taskCursor.decode('not base64 json')).toBeUndefined();
  });
});
