/**
 * Request shapes the API accepts beyond the application form (which lives with the definitions).
 * Also the source of the OpenAPI description.
 */
import { z } from 'zod';
import { orgCodeSchema } from '../../definitions/shared/actors';
import { isSupportedDate, SUPPORTED_DATES } from '../../definitions/shared/dates';
import { singleLine } from '../../definitions/shared/text';

export const idempotencyKeySchema = singleLine()
  .min(8, 'Idempotency-Key 至少8个字符')
  .max(128, 'Idempotency-Key 不超过128个字符')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Idempotency-Key 只能包含字母、数字和 . _ : -');

export const caseIdSchema = singleLine().regex(/^[A-Z]{2,8}-\d{6}-[0-9a-f]{20}$/, '案件编号格式不正确');

/** A decision: its type plus the payload fields the event's schema asks for. */
export const eventBodySchema = z.object({ type: singleLine().min(1, '请指定操作类型 type') }).catchall(z.unknown());

/** A keyset cursor as the query string carries it (base64url, so one line). */
export const cursorParamSchema = singleLine().max(200);

/**
 * What a cursor's position is made of. A cursor comes back from the caller, who may have forged
 * it: each field is bounded to values the database accepts (a year 0000 instant, an unbounded id
 * or one with a NUL are refused by PostgreSQL, which would make them a 500 instead of a 400).
 */
export const cursorFields = {
  instant: z.iso
    .datetime()
    .refine(isSupportedDate, `游标时间须在 ${SUPPORTED_DATES.earliest} 至 ${SUPPORTED_DATES.latest} 之间`),
  textId: singleLine().min(1).max(100),
  rowId: z.number().int().positive(),
};

/** Largest PostgreSQL `integer`: row versions are stored as one, so a larger version is the caller's error. */
const PG_INTEGER_MAX = 2_147_483_647;

/** The version of a row (task, risk warning) the caller last saw. */
export const rowVersionSchema = (message: string) =>
  z.number({ error: message }).int(message).min(0, message).max(PG_INTEGER_MAX, message);

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A case read: `minVersion` asks for the view at least at that version (the seq of its last timeline line). */
export const caseReadQuerySchema = z.looseObject({
  minVersion: z.coerce
    .number({ error: 'minVersion 应为非负整数' })
    .int('minVersion 应为非负整数')
    .min(0, 'minVersion 应为非负整数')
    .max(PG_INTEGER_MAX, 'minVersion 过大')
    .optional(),
});

export const caseListQuerySchema = z.object({
  program: singleLine().min(1).max(32).optional(),
  step: singleLine().min(1).max(64).optional(),
  status: z.enum(['active', 'done']).optional(),
  /** Narrow to an org under the caller's own (defaults to the caller's org). */
  org: orgCodeSchema.optional(),
  overdue: booleanFlag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParamSchema.optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const cursorSchema = z.object({ submittedAt: cursorFields.instant, id: cursorFields.textId });

/**
 * Opaque keyset cursors: the last row's position as base64url JSON, checked against its schema on
 * the way back (a cursor that does not decode is the caller's error, not ours).
 */
export function cursorCodec<T extends z.ZodType>(schema: T) {
  return {
    encode: (position: z.output<T>): string => Buffer.from(JSON.stringify(position)).toString('base64url'),
    decode: (cursor: string): z.output<T> | undefined => {
      try {
        return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      } catch {
        return undefined;
      }
    },
  };
}

const caseCursor = cursorCodec(cursorSchema);
export const encodeCursor = caseCursor.encode;
export const decodeCursor = caseCursor.decode;
