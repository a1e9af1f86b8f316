/**
 * One year of the national working-day calendar as data: the statutory holidays as actually taken
 * (放假), the weekend days worked instead (调休上班), and the document they come from. Built-in years
 * live in `data/`; an administrator adds a year as a JSON file of the same shape (see
 * config/calendarFile.ts), checked by this schema. No I/O: runs inside the workflow sandbox.
 */
import { z } from 'zod';
import { dateOnlySchema } from '../shared/dates';

const date = dateOnlySchema();
const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const calendarYearShape = z.object({
  year: z.number().int().min(2000).max(2100),
  /**
   * True when no State Council notice for the year is out yet: the holidays are the statutory days
   * of 《全国年节及纪念日放假办法》 on their dates, and there are no 调休 days, because those only a
   * notice can set. Periods running through such a year are flagged as provisional.
   */
  provisional: z.boolean().default(false),
  source: z.object({
    /** The document's title, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
    title: z.string().min(1),
    /** Its document number (发文字号), e.g. 国办发明电〔2025〕7号. */
    documentNumber: z.string().min(1).optional(),
    publishedOn: date,
    /** Where it is published. A plain pattern: zod's URL check needs `URL`, which the sandbox may lack. */
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/, '应为 http(s) 网址')
      .optional(),
  }),
  holidays: z
    .array(
      z.object({
        /** As the notice names it: 春节, 国庆节、中秋节 … */
        name: z.string().min(1),
        /** Every day off, weekends inside the block included. */
        dates: z.array(date).min(1),
      })
    )
    .min(1),
  adjustedWorkdays: z
    .array(
      z.object({
        date,
        /** The holiday the day is worked for; one of `holidays[].name`. */
        holiday: z.string().min(1),
      })
    )
    .default([]),
  note: z.string().optional(),
});
type ParsedShape = z.output<typeof calendarYearShape>;

export const calendarYearSchema = calendarYearShape.superRefine(checkConsistency);

/** What a schema per field cannot see: dates against the year, against each other, and weekdays. */
function checkConsistency(calendar: ParsedShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  // A notice may reach into the neighbouring year (a New Year block starting on 30 December).
  const outsideYear = (day: string) => Math.abs(Number(day.slice(0, 4)) - calendar.year) > 1;
  const outsideMessage = (day: string) => `日期 ${day} 不在 ${calendar.year} 年或相邻年份内`;

  const holidayOfDate = new Map<string, string>();
  calendar.holidays.forEach((holiday, i) =>
    holiday.dates.forEach((day, j) => {
      const path = ['holidays', i, 'dates', j];
      if (outsideYear(day)) issue(path, outsideMessage(day));
      const earlier = holidayOfDate.get(day);
      if (earlier !== undefined) issue(path, `日期 ${day} 已列在${earlier}中`);
      holidayOfDate.set(day, holiday.name);
    })
  );

  calendar.adjustedWorkdays.forEach(({ date: day, holiday }, i) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (outsideYear(day)) issue(['adjustedWorkdays', i, 'date'], outsideMessage(day));
    if (weekday !== 0 && weekday !== 6) {
      issue(['adjustedWorkdays', i, 'date'], `调休上班日 ${day} 是${WEEKDAY_ZH[weekday]}，应为周六或周日`);
    }
    const off = holidayOfDate.get(day);
    if (off !== undefined) issue(['adjustedWorkdays', i, 'date'], `${day} 已列为${off}放假日`);
    if (!calendar.holidays.some((h) => h.name === holiday)) {
      issue(['adjustedWorkdays', i, 'holiday'], `“${holiday}”不是本年 holidays 中的节日名称`);
    }
  });

  if (calendar.provisional && calendar.adjustedWorkdays.length > 0) {
    issue(['adjustedWorkdays'], '暂定日历（provisional）不能有调休上班日：调休只能来自国务院办公厅的放假安排通知');
  }
}

/** A validated year, as the registry and the workflow input carry it. */
export type CalendarYear = z.output<typeof calendarYearSchema>;
/** A year as written in a JSON file (`provisional` and `adjustedWorkdays` may be left out). */
export type CalendarYearInput = z.input<typeof calendarYearSchema>;
