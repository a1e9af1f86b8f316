/**
 * The case routes, declared once. A case is an application (申请) from the moment the window starts
 * it, so every case route is under /api/applications: started by POST, listed by GET, read, decided
 * and its notices and check read under its id. The list was once served at /api/cases; that path
 * stays as a documented alias. The router serves these; the OpenAPI paths are derived from them.
 */
import { eligibilityResultSchema } from '../../definitions/eligibility';
import { applicationSchema } from '../../definitions/shared/application';
import { caseViewSchema } from '../../workflows/contract';
import type { DeclaredRoute } from '../http/declaredRoutes';
import { idempotencyKeyHeader, jsonSchemaOf } from '../http/openApiParts';
import { caseViewAnswerSchema } from './caseViewAnswer';
import { caseListQuerySchema } from './schemas';

export const applicationRoutes = {
  start: {
    method: 'post',
    path: '/applications',
    action: 'applications.start',
    summary: 'Start an application (window staff)',
    parameters: [idempotencyKeyHeader],
    body: applicationSchema,
    ok: { status: '201', schema: caseViewSchema },
  },
  list: {
    method: 'get',
    path: '/applications',
    aliases: ['/cases'],
    action: 'cases.list',
    summary: 'Cases under the caller’s org, newest first, keyset-paginated',
    query: caseListQuerySchema,
  },
  read: {
    method: 'get',
    path: '/applications/:id',
    action: 'applications.read',
    summary:
      'A case: state, allowed events, deadlines (with working days left), timeline — served from the ' +
      'read model; minVersion waits briefly for (or reads from the workflow) a view at least that recent',
    // Stated here rather than derived from caseReadQuerySchema: the document says what the number means.
    parameters: [
      {
        name: 'minVersion',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 0, maximum: 2147483647 },
        description: 'The seq of the timeline line the caller must see (e.g. its own decision)',
      },
    ],
    ok: { status: '200', schema: caseViewAnswerSchema },
  },
  event: {
    method: 'post',
    path: '/applications/:id/events',
    action: 'applications.event',
    summary: 'Send a decision: { type, ...payload } (see x-event-payloads)',
    // Each program's payload per event type is in the document's x-event-payloads.
    requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['type'] } } } },
    ok: { status: '200', schema: caseViewAnswerSchema },
  },
  notices: {
    method: 'get',
    path: '/applications/:id/notices',
    action: 'applications.notices',
    summary: 'Written notices issued for a case',
  },
  verification: {
    method: 'get',
    path: '/applications/:id/verification',
    action: 'verification.read',
    summary:
      'Household economic check (township, county, supervisor): every run newest first, each source’s ' +
      'answer and findings, and the eligibility explanation (rules, figures, pass/fail, source records)',
    ok: {
      status: '200',
      schema: {
        type: 'object',
        properties: {
          caseId: { type: 'string' },
          latestRun: { type: ['integer', 'null'] },
          runs: {
            type: 'array',
            items: { type: 'object', properties: { eligibility: jsonSchemaOf(eligibilityResultSchema) } },
          },
        },
      },
    },
  },
} as const satisfies Record<string, DeclaredRoute>;
