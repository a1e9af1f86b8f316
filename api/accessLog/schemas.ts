/**
 * Request and response shapes of the access-log view (查询留痕), also the source of its OpenAPI
 * description. Dates are China calendar dates, both inclusive, as in the supervision statistics.
 */
import { z } from 'zod';
import { accessKindSchema } from '../../definitions/access';
import { canonicalUserId } from '../../definitions/shared/actors';
import { isoDateSchema } from '../../definitions/shared/rulesConfig';
import { singleLine } from '../../definitions/shared/text';
import { caseIdSchema } from '../http/schemas';
import { cursorFields, cursorParamSchema, keysetPaging, pageLimitSchema } from '../http/paging';

export const accessLogQuerySchema = z
  .object({
    caseId: caseIdSchema.optional(),
    userId: singleLine().trim().min(1).max(64).transform(canonicalUserId).optional(),
    kind: accessKindSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    limit: pageLimitSchema,
    cursor: cursorParamSchema.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期',
  });
export type AccessLogQuery = z.infer<typeof accessLogQuerySchema>;

export const accessLogPaging = keysetPaging(z.object({ readAt: cursorFields.instant, id: cursorFields.rowId }));

const DAY_MS = 86_400_000;

/** China midnight of a date as an instant; `nextDay` for the exclusive end of an inclusive `to`. */
export function chinaMidnight(date: string, nextDay = false): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + (nextDay ? DAY_MS : 0)).toISOString();
}

export const accessLogItemSchema = z.object({
  id: z.number().int(),
  readAt: z.string().describe('When the data was read (ISO instant)'),
  userId: z.string(),
  role: z.string(),
  org: z.string(),
  department: z.string().nullable(),
  kind: accessKindSchema,
  caseId: z.string().nullable(),
  householdId: z.string().nullable(),
  cycleId: z.string().nullable(),
  scopeOrg: z.string().describe('The division code the data belongs to (case village, cycle county)'),
  purpose: z.string().nullable().describe('查询用途 as the reader stated it; required of supervisors'),
  requestId: z.string().nullable().describe('X-Request-Id of the read, when the gateway sent one'),
  served: z.enum(['full', 'masked']).describe('Whether ID, phone and account numbers were served in full or masked'),
});

export const accessLogPageSchema = z.object({
  items: z.array(accessLogItemSchema),
  nextCursor: z.string().nullable(),
});
export type AccessLogPage = z.infer<typeof accessLogPageSchema>;
