/**
 * The risk-warning, staff-relatives and integrity-register routes, declared once: the risks and
 * integrity routers serve these and the OpenAPI paths are derived from them
 * (api/http/declaredRoutes.ts).
 */
import type { DeclaredRoute } from '../http/declaredRoutes';
import {
  acknowledgeBodySchema,
  dishonestyCreateSchema,
  integrityListQuerySchema,
  resolveBodySchema,
  riskListQuerySchema,
  staffRelativesBodySchema,
} from './schemas';

/** A warning's move answers the warning, or why it cannot move. */
const moveResponses = {
  200: { description: 'The warning as it now is' },
  409: { description: '当前状态不允许此操作，或版本已过期（含 state、allowedMoves 和预警当前内容）' },
};

export const riskRoutes = {
  list: {
    method: 'get',
    path: '/supervision/risks',
    action: 'risks.list',
    summary:
      'Risk warnings under the caller’s org (supervisor; county for its own county), newest first, ' +
      'keyset-paginated; filter by state, rule, caseId, org',
    query: riskListQuerySchema,
  },
  acknowledge: {
    method: 'post',
    path: '/supervision/risks/:id/acknowledge',
    action: 'risks.acknowledge',
    summary: 'Acknowledge an open warning: { version, note? }',
    body: acknowledgeBodySchema,
    responses: moveResponses,
  },
  resolve: {
    method: 'post',
    path: '/supervision/risks/:id/resolve',
    action: 'risks.resolve',
    summary: 'Resolve an acknowledged warning with what was found: { version, note }',
    body: resolveBodySchema,
    responses: moveResponses,
  },
  staffRelatives: {
    method: 'get',
    path: '/supervision/staff-relatives',
    action: 'staffRelatives.list',
    summary: 'The staff-relatives register (近亲属备案) under the caller’s org',
  },
  registerStaffRelatives: {
    method: 'post',
    path: '/supervision/staff-relatives',
    action: 'staffRelatives.register',
    summary: 'Register staff relatives: { entries: [...] } (supervisor; county for its own county)',
    body: staffRelativesBodySchema,
  },
} as const satisfies Record<string, DeclaredRoute>;

export const integrityRoutes = {
  list: {
    method: 'get',
    path: '/integrity/records',
    action: 'integrity.list',
    summary: 'Dishonesty records by ID number or by the household of a case (supervisor, county)',
    query: integrityListQuerySchema,
  },
  create: {
    method: 'post',
    path: '/integrity/records',
    action: 'integrity.create',
    summary: 'Record a dishonesty finding by hand (supervisor); expiry from the county’s configuration',
    body: dishonestyCreateSchema,
  },
  ofApplication: {
    method: 'get',
    path: '/applications/:id/integrity',
    action: 'applications.integrity',
    summary:
      'For reviewers (township, county, supervisor): the pledge, the household’s dishonesty records in ' +
      'force and the case’s open and acknowledged risk warnings',
  },
} as const satisfies Record<string, DeclaredRoute>;
