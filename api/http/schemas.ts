/**
 * Request fields several resources accept: the Idempotency-Key, a case id, a row's version. A
 * resource's own shapes live in its folder (`api/<resource>/schemas.ts`).
 */
import { z } from 'zod';
import { CASE_ID_PATTERN } from '../../definitions/shared/caseIds';
import { singleLine } from '../../definitions/shared/text';

export const idempotencyKeySchema = singleLine()
  .min(8, 'Idempotency-Key 至少8个字符')
  .max(128, 'Idempotency-Key 不超过128个字符')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Idempotency-Key 只能包含字母、数字和 . _ : -');

export const caseIdSchema = singleLine().regex(CASE_ID_PATTERN, '案件编号格式不正确');

/** Largest PostgreSQL `integer`: row versions are stored as one, so a larger version is the caller's error. */
export const PG_INTEGER_MAX = 2_147_483_647;

/** The version of a row (task, risk warning) the caller last saw. */
export const rowVersionSchema = (message: string) =>
  z.number({ error: message }).int(message).min(0, message).max(PG_INTEGER_MAX, message);
