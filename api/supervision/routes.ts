/**
 * The supervisor views (supervisor role, or county approvers for their own county), declared once:
 * the router serves these and the OpenAPI paths are derived from them (api/http/declaredRoutes.ts).
 */
import type { DeclaredRoute } from '../http/declaredRoutes';
import { jsonSchemaOf, stringQueryParameters } from '../http/openApiParts';
import { dueListFields, statsQuerySchema, withinSchema } from './schemas';

const listParameters = stringQueryParameters(dueListFields);

export const supervisionRoutes = {
  overdue: {
    method: 'get',
    path: '/supervision/overdue',
    action: 'supervision.overdue',
    summary:
      'Active cases past their due date under the org, most overdue first, keyset-paginated; ' +
      'counts per group with groupBy=step|township|program|age',
    parameters: listParameters,
  },
  dueSoon: {
    method: 'get',
    path: '/supervision/due-soon',
    action: 'supervision.dueSoon',
    summary: 'Active cases due within `within` (hours: 48 or 48h; working days: 3wd), earliest first',
    parameters: [...listParameters, { name: 'within', in: 'query', schema: jsonSchemaOf(withinSchema, 'input') }],
  },
  stats: {
    method: 'get',
    path: '/supervision/stats',
    action: 'supervision.stats',
    summary:
      'Cases submitted from..to (China dates, inclusive): counts per program and step, time per step ' +
      '(average and 90th percentile, with the step’s legal limits), share decided within the overall limit, ' +
      'per county and township',
    parameters: stringQueryParameters(statsQuerySchema),
  },
} as const satisfies Record<string, DeclaredRoute>;
