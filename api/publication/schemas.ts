/**
 * Query shapes of the publication endpoints (公示名单 and the long-term list of recipients); also
 * the source of their OpenAPI description.
 */
import { z } from 'zod';
import { orgCodeSchema } from '../../definitions/shared/actors';
import { singleLine } from '../../definitions/shared/text';
import { cursorParamSchema, pageLimitSchema } from '../http/paging';

const listing = {
  format: z.enum(['json', 'csv'], { error: '格式应为 json 或 csv' }).default('json'),
  /** Page size of the JSON list; a CSV file carries up to CSV_EXPORT_MAX_ROWS rows (api/http/csv.ts). */
  limit: pageLimitSchema,
  cursor: cursorParamSchema.optional(),
};

export const noticeListQuerySchema = z.object({
  village: singleLine({ error: '请指定村（居）代码 village' }).regex(/^\d{12}$/, '村（居）代码应为12位数字'),
  /** One program's notice (a printed 公示 is per program); all programs with a notice when absent. */
  program: z.enum(['dibao', 'tekun'], { error: '项目应为 dibao（低保）或 tekun（特困）' }).optional(),
  ...listing,
});
export type NoticeListQuery = z.infer<typeof noticeListQuerySchema>;

export const recipientListQuerySchema = z.object({
  /** Any org under the caller's (defaults to the caller's own). */
  org: orgCodeSchema.optional(),
  ...listing,
});
export type RecipientListQuery = z.infer<typeof recipientListQuerySchema>;
