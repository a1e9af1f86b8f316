/**
 * What a work list shows of a task beyond its row: the program (from the case id's prefix), the
 * township, the household's name masked as on a published list, and the working days left before
 * it is due on the installation's calendar. Computed here, not in the console, so every client sees
 * the same countdown the clocks use. Pure: the time and the calendar are passed in.
 */
import { z } from 'zod';
import type { TaskRow } from '../db/taskQueries';
import type { WorkingCalendar } from '../definitions/calendar';
import { workingDaysLeft } from '../definitions/calendar';
import { programLabelsZh } from '../definitions/eligibility/outcome';
import { maskName } from '../definitions/publication/maskName';
import { PROGRAM_ID_PREFIX } from '../workflows/caseInput';

export const taskListQuerySchema = z.object({
  /** todo = claimable + mine; claimable = open for the caller's role and org; mine = claimed by the caller. */
  list: z.enum(['todo', 'claimable', 'mine', 'done']).default('todo'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().positive('分页游标无效，请从第一页重新查询').optional(),
});
export type TaskListName = z.output<typeof taskListQuerySchema>['list'];
export type TaskListQuery = z.input<typeof taskListQuerySchema>;

const PROGRAM_LABELS_ZH: Record<string, string> = { ...programLabelsZh, referral: '转介' };
const PROGRAM_OF_PREFIX = new Map(Object.entries(PROGRAM_ID_PREFIX).map(([program, prefix]) => [prefix, program]));

/** A row of a work list. `applicantName` stays for the case page; lists show `householdMasked`. */
export interface TaskListItem extends TaskRow {
  program: string | null;
  programLabelZh: string | null;
  /** The township (9-digit code) the task's org belongs to; null above township level. */
  township: string | null;
  householdMasked: string | null;
  /**
   * Working days from today to the due date: 0 when due today, negative when overdue (the working
   * days since it fell due); null without a due date or once done.
   */
  workingDaysLeft: number | null;
}

export interface TaskListAnswer {
  list: TaskListName;
  items: TaskListItem[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

export function taskListItem(task: TaskRow, now: Date, calendar: WorkingCalendar): TaskListItem {
  const program = PROGRAM_OF_PREFIX.get(task.caseId.split('-')[0] ?? '') ?? null;
  const daysLeft =
    task.dueAt !== null && task.status !== 'done' ? workingDaysLeft(now, new Date(task.dueAt), calendar) : null;
  return {
    ...task,
    program,
    programLabelZh: program ? (PROGRAM_LABELS_ZH[program] ?? null) : null,
    township: task.candidateOrg.length >= 9 ? task.candidateOrg.slice(0, 9) : null,
    householdMasked: task.applicantName === null ? null : maskName(task.applicantName),
    workingDaysLeft: daysLeft,
  };
}
