/**
 * The case view as the API answers it: the workflow's view with, on each running clock, the working
 * days left on the installation's calendar (as the work lists count them), so the console can say
 * 剩余3个工作日 without a calendar of its own. Added here, not in the workflow: "today" is the
 * reader's, not the case's.
 */
import { z } from 'zod';
import type { WorkingCalendar } from '../definitions/calendar';
import { countWorkingDaysBetween } from '../definitions/calendar';
import type { CaseView } from '../workflows/contract';
import { caseViewSchema, deadlineSchema } from '../workflows/contract';

export const caseViewAnswerSchema = caseViewSchema.extend({
  deadlines: z.array(
    deadlineSchema.extend({
      workingDaysLeft: z
        .number()
        .int()
        .describe('Working days from now to the due date: 0 on the due day, negative once overdue'),
    })
  ),
});
export type CaseViewAnswer = z.infer<typeof caseViewAnswerSchema>;

export function withWorkingDaysLeft(view: CaseView, now: Date, calendar: WorkingCalendar): CaseViewAnswer {
  return {
    ...view,
    deadlines: view.deadlines.map((d) => {
      const due = new Date(d.dueAt);
      const workingDaysLeft =
        due.getTime() >= now.getTime()
          ? countWorkingDaysBetween(now, due, calendar)
          : -countWorkingDaysBetween(due, now, calendar);
      return { ...d, workingDaysLeft };
    }),
  };
}
