/**
 * Request shapes the API accepts beyond the application form (which lives with the definitions).
 * Also the source of the OpenAPI description.
 */
import { z } from 'zod';
import { orgCodeSchema } from '../definitions/shared/actors';

export const idempotencyKeySchema = z
  .string()
  .min(8, 'Idempotency-Key 至少8个字符')
  .max(128, 'Idempotency-Key 不超过128个字符')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Idempotency-Key 只能包含字母、数字和 . _ : -');

export const caseIdSchema = z.string().regex(/^[A-Z]{2,8}-\d{6}-[0-9a-f]{20}$/, '案件编号格式不正确');

/** A decision: its type plus the payload fields the event's schema asks for. */
export const eventBodySchema = z.object({ type: z.string().min(1, '请指定操作类型 type') }).catchall(z.unknown());

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const caseListQuerySchema = z.object({
  program: z.string().min(1).max(32).optional(),
  step: z.string().min(1).max(64).optional(),
  status: z.enum(['active', 'done']).optional(),
  /** Narrow to an org under the caller's own (defaults to the caller's org). */
  org: orgCodeSchema.optional(),
  overdue: booleanFlag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const cursorSchema = z.object({ submittedAt: z.iso.datetime(), id: z.string() });

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
