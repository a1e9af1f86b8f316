/**
 * The access-log route (查询留痕, supervisors), declared once: the router serves it and the OpenAPI
 * path is derived from it (api/http/declaredRoutes.ts).
 */
import type { DeclaredRoute } from '../http/declaredRoutes';
import { accessLogPageSchema, accessLogQuerySchema } from './schemas';

export const accessLogRoutes = {
  read: {
    method: 'get',
    path: '/access-log',
    action: 'access-log.read',
    summary:
      'The access log (查询留痕, supervisors): who read which case’s, household’s or payment cycle’s personal ' +
      'data under the supervisor’s org, when, why (purpose) and whether in full or masked; newest first, ' +
      'keyset-paginated; from/to are China dates, inclusive',
    query: accessLogQuerySchema,
    ok: { status: '200', schema: accessLogPageSchema },
  },
} as const satisfies Record<string, DeclaredRoute>;
