/**
 * What the case routes accept beyond the application form (which lives with the definitions): a
 * read's `minVersion`, a decision's body, the list's filters, and the list's keyset position.
 */
import { z } from 'zod';
import { orgCodeSchema } from '../../definitions/shared/actors';
import { singleLine } from '../../definitions/shared/text';
import { cursorFields, cursorParamSchema, keysetPaging, pageLimitSchema } from '../http/paging';
import { PG_INTEGER_MAX } from '../http/schemas';

/** A decision: its type plus the payload fields the event's schema asks for. */
export const eventBodySchema = z.object({ type: singleLine().min(1, '请指定操作类型 type') }).catchall(z.unknown());

/** A case read: `minVersion` asks for the view at least at that version (the seq of its last timeline line). */
export const caseReadQuerySchema = z.looseObject({
  minVersion: z.coerce
    .number({ error: 'minVersion 应为非负整数' })
    .int('minVersion 应为非负整数')
    .min(0, 'minVersion 应为非负整数')
    .max(PG_INTEGER_MAX, 'minVersion 过大')
    .optional(),
});

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const caseListQuerySchema = z.object({
  program: singleLine().min(1).max(32).optional(),
  step: singleLine().min(1).max(64).optional(),
  status: z.enum(['active', 'done']).optional(),
  /** Narrow to an org under the caller's own (defaults to the caller's org). */
  org: orgCodeSchema.optional(),
  overdue: booleanFlag.optional(),
  limit: pageLimitSchema,
  cursor: cursorParamSchema.optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** Where a case sits in a list ordered by submission (newest first), as its cursor carries it. */
export const casePositionSchema = z.object({ submittedAt: cursorFields.instant, id: cursorFields.textId });
export const casePaging = keysetPaging(casePositionSchema);
