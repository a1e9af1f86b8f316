/**
 * The published-list routes (village, township, county, supervisor in scope: masked names, no
 * identifiers), declared once: the router serves these and the OpenAPI paths are derived from them
 * (api/http/declaredRoutes.ts).
 */
import type { z } from 'zod';
import { noticeListingSchema, recipientListingSchema } from '../../definitions/publication';
import type { DeclaredRoute } from '../http/declaredRoutes';
import { errorBody, jsonSchemaOf } from '../http/openApiParts';
import { noticeListQuerySchema, recipientListQuerySchema } from './schemas';

/** Each query field, saying whether the list needs it (a notice list is always one village's). */
const listParameters = (query: z.ZodObject) =>
  Object.entries(query.shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: name === 'village',
    schema: jsonSchemaOf(schema as z.ZodType, 'input'),
  }));

/** A JSON page, or the list as a CSV file. */
const listResponses = (item: z.ZodType) => ({
  200: {
    description:
      'A page (JSON), or the list from `cursor` on as CSV with a UTF-8 BOM (format=csv), streamed, at most ' +
      'CSV_EXPORT_MAX_ROWS rows; a cut-off file ends with a `#` line and the trailers X-Yilian-Truncated: true ' +
      'and X-Yilian-Next-Cursor (pass it as `cursor` for the rest)',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: { items: { type: 'array', items: jsonSchemaOf(item) }, nextCursor: { type: ['string', 'null'] } },
        },
      },
      'text/csv': { schema: { type: 'string' } },
    },
  },
  400: { description: '请求内容有误（含字段路径）', content: { 'application/json': { schema: errorBody } } },
  401: { description: '缺少身份信息' },
  403: { description: '无权查看' },
});

export const publicationRoutes = {
  notices: {
    method: 'get',
    path: '/publication/notices',
    action: 'publication.notices',
    summary:
      'Public notice list (公示名单) of a village: cases in publicNotice, masked name, household size, ' +
      'proposed amount, notice period end',
    parameters: listParameters(noticeListQuerySchema),
    responses: listResponses(noticeListingSchema),
  },
  recipients: {
    method: 'get',
    path: '/publication/recipients',
    action: 'publication.recipients',
    summary:
      'Households receiving the benefit (长期公示) under an org: masked name, household size, monthly amount, ' +
      'approval date',
    parameters: listParameters(recipientListQuerySchema),
    responses: listResponses(recipientListingSchema),
  },
} as const satisfies Record<string, DeclaredRoute>;
