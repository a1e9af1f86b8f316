/**
 * The program catalogue and chart routes, declared once: the router serves these and the OpenAPI
 * paths are derived from them (api/http/declaredRoutes.ts).
 */
import type { DeclaredRoute } from '../http/declaredRoutes';

export const programRoutes = {
  list: {
    method: 'get',
    path: '/programs',
    action: 'programs.list',
    summary:
      'The programs this installation runs (program, labelZh, the version new cases start on, staged ' +
      'versions) and the referrals a household form can make, each with its department',
  },
  chart: {
    method: 'get',
    path: '/programs/:version/chart',
    action: 'programs.chart',
    summary:
      'A program version’s statechart for drawing (version as program@n, e.g. dibao@1): states with ' +
      'their dotted path, parent, type and labelZh; transitions with from, to, event and labelZh',
  },
} as const satisfies Record<string, DeclaredRoute>;
