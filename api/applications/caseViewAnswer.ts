/**
 * The case view as the API answers it: the workflow's view with, on each running clock, the working
 * days left on the installation's calendar (as the work lists count them), so the console can say
 * 剩余3个工作日 without a calendar of its own; and the household as the read model has it, the
 * applicant's name in full or masked as the reader is served. Added here, not in the workflow:
 * "today" is the reader's, not the case's, and so is what they may see. The case's places by name
 * come from the register (migration 027), which may rename them after the case started.
 */
import { z } from 'zod';
import type { WorkingCalendar } from '../../definitions/calendar';
import { workingDaysLeft } from '../../definitions/calendar';
import { maskName } from '../../definitions/publication/maskName';
import type { CaseRow } from '../../db/caseQueries';
import type { CaseView } from '../../workflows/contract';
import { caseViewSchema, deadlineSchema } from '../../workflows/contract';

export const caseViewAnswerSchema = caseViewSchema.extend({
  deadlines: z.array(
    deadlineSchema.extend({
      workingDaysLeft: z
        .number()
        .int()
        .describe('Working days from now to the due date: 0 on the due day, negative once overdue'),
    })
  ),
  household: z
    .object({
      applicantName: z.string().nullable().describe('In full or masked (张*三), as the reader is served'),
      size: z.number().int().nullable(),
      householdId: z
        .string()
        .nullable()
        .describe('The household application (one form, several programs) the case belongs to, if any'),
    })
    .nullable()
    .describe('The applying household; null for a case without an application (a referral)'),
  placeNamesZh: z
    .object({ county: z.string(), township: z.string(), village: z.string() })
    .describe("The case's county, township and village by name from the register, each its code when unnamed"),
});
export type CaseViewAnswer = z.infer<typeof caseViewAnswerSchema>;

export function caseViewAnswer(
  view: CaseView,
  row: Pick<CaseRow, 'applicantName' | 'householdSize' | 'householdId'>,
  {
    now,
    calendar,
    full,
    placeNames = new Map(),
  }: {
    now: Date;
    calendar: WorkingCalendar;
    full: boolean;
    /** Names the register has for the case's codes (db/orgUnits.ts `orgUnitNames`). */
    placeNames?: ReadonlyMap<string, string>;
  }
): CaseViewAnswer {
  const nameOf = (code: string) => placeNames.get(code) ?? code;
  const household =
    row.applicantName === null && row.householdSize === null
      ? null
      : {
          applicantName: row.applicantName === null ? null : full ? row.applicantName : maskName(row.applicantName),
          size: row.householdSize,
          householdId: row.householdId,
        };
  return {
    ...view,
    household,
    placeNamesZh: {
      county: nameOf(view.orgs.county),
      township: nameOf(view.orgs.township),
      village: nameOf(view.orgs.village),
    },
    deadlines: view.deadlines.map((d) => {
      return { ...d, workingDaysLeft: workingDaysLeft(now, new Date(d.dueAt), calendar) };
    }),
  };
}
