/**
 * What a work list shows of a task beyond its row: the program (from the case id's prefix), the
 * township by name, the household's name masked as on a published list, and the working days left
 * before it is due on the installation's calendar. Computed here, not in the console, so every
 * client sees the same countdown the clocks use. Also the list's query: filters, sort order and the
 * keyset cursor that stays correct under each order. Pure: the time and the calendar are passed in.
 */
import { z } from 'zod';
import type { TaskRow } from '../../db/taskQueries';
import type { WorkingCalendar } from '../../definitions/calendar';
import { workingDaysLeft } from '../../definitions/calendar';
import { programLabelsZh } from '../../definitions/eligibility/outcome';
import { maskName } from '../../definitions/publication/maskName';
import { townshipCodeSchema } from '../../definitions/shared/actors';
import { townshipOf } from '../../definitions/shared/orgUnits';
import { singleLine } from '../../definitions/shared/text';
import { PROGRAM_ID_PREFIX, programOfCaseId } from '../../definitions/shared/caseIds';
import { cursorFields, cursorParamSchema, keysetPaging, pageLimitSchema } from '../http/paging';

/**
 * Orders a list can be read in; a leading `-` is newest (or latest due) first. Ties break on the task
 * id in the same direction, and a task without a due date comes last either way.
 */
export const taskSortSchema = z.enum(['openedAt', '-openedAt', 'dueAt', '-dueAt']);
export type TaskSort = z.infer<typeof taskSortSchema>;

const PROGRAM_LABELS_ZH: Record<string, string> = { ...programLabelsZh, referral: '转介' };
const programNames = Object.keys(PROGRAM_ID_PREFIX) as [string, ...string[]];

export const taskListQuerySchema = z.object({
  /** todo = claimable + mine; claimable = open for the caller's role and org; mine = claimed by the caller. */
  list: z.enum(['todo', 'claimable', 'mine', 'done']).default('todo'),
  program: z.enum(programNames, { error: `program 应为 ${programNames.join('、')} 之一` }).optional(),
  /** A step's path in its chart, as rows carry it (`investigation.homeVisit.pending`). */
  step: singleLine().min(1).max(100).optional(),
  /** Tasks of one township's households (a county's or a supervisor's list spans several). */
  township: townshipCodeSchema.optional(),
  /** overdue: past its due date; dueSoon: due within DUE_SOON_WORKING_DAYS working days from now. */
  due: z.enum(['overdue', 'dueSoon'], { error: 'due 应为 overdue 或 dueSoon' }).optional(),
  /** Default: oldest first for the lists to do, newest first for 已办. */
  sort: taskSortSchema.optional(),
  limit: pageLimitSchema,
  cursor: cursorParamSchema.optional(),
});
export type TaskListName = z.output<typeof taskListQuerySchema>['list'];
export type TaskListQuery = z.input<typeof taskListQuerySchema>;

export const defaultTaskSort = (list: TaskListName): TaskSort => (list === 'done' ? '-openedAt' : 'openedAt');

/**
 * Where a page ended: the order it was read in, the last row's sort key (null: no due date) and id.
 * The order travels with it, so a cursor is refused rather than misread under another order.
 */
export const taskCursorSchema = z.object({
  sort: taskSortSchema,
  at: cursorFields.instant.nullable(),
  id: cursorFields.rowId,
});
export type TaskCursor = z.infer<typeof taskCursorSchema>;
export const taskCursor = keysetPaging(taskCursorSchema, { issueZh: '游标无效，或与当前排序不一致' });

/** The cursor after `task` in `sort` order. */
export function cursorAfter(task: TaskRow, sort: TaskSort): string {
  const at = sort === 'dueAt' || sort === '-dueAt' ? task.dueAt : task.openedAt;
  return taskCursor.encode({ sort, at, id: task.id });
}

/** A row of a work list. `applicantName` stays for the case page; lists show `householdMasked`. */
export interface TaskListItem extends TaskRow {
  program: string | null;
  programLabelZh: string | null;
  /** The case's township (9-digit code), else the task's own; null for a county task without a case township. */
  township: string | null;
  /** The township's name from the register, or its code when the register has none; null with `township`. */
  townshipNameZh: string | null;
  householdMasked: string | null;
  /**
   * Working days from today to the due date: 0 when due today, negative when overdue (the working
   * days since it fell due); null without a due date or once done.
   */
  workingDaysLeft: number | null;
}

/** What the caller's list holds, whatever the other filters: the choices a filter can offer. */
export interface TaskListFacets {
  programs: { program: string; labelZh: string; count: number }[];
  steps: { step: string; labelZh: string; count: number }[];
}

export interface TaskListAnswer {
  list: TaskListName;
  sort: TaskSort;
  items: TaskListItem[];
  /** Pass as `cursor` (with the same filters and sort) for the next page; null on the last. */
  nextCursor: string | null;
  facets: TaskListFacets;
}

export const programLabelZh = (program: string): string => PROGRAM_LABELS_ZH[program] ?? program;

export function taskListItem(task: TaskRow, now: Date, calendar: WorkingCalendar): TaskListItem {
  const program = programOfCaseId(task.caseId);
  const daysLeft =
    task.dueAt !== null && task.status !== 'done' ? workingDaysLeft(now, new Date(task.dueAt), calendar) : null;
  const township = task.caseTownship ?? townshipOf(task.candidateOrg);
  return {
    ...task,
    program,
    programLabelZh: program ? (PROGRAM_LABELS_ZH[program] ?? null) : null,
    township,
    townshipNameZh: township === null ? null : (task.townshipNameZh ?? township),
    householdMasked: task.applicantName === null ? null : maskName(task.applicantName),
    workingDaysLeft: daysLeft,
  };
}
