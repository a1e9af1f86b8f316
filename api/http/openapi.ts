/**
 * The OpenAPI description, generated from the same zod schemas that validate requests, so the
 * document cannot drift from what the API accepts. Resources whose routes are declared once
 * (api/<resource>/routes.ts) have their paths derived from the declarations; the others still
 * state theirs beside the router (api/<resource>/openapi.ts) or below.
 */
import { taskRoutes } from '../tasks/routes';
import { programRoutes } from '../programs/routes';
import { configurationRoutes } from '../configuration/routes';
import { orgUnitRoutes } from '../orgUnits/routes';
import { authPaths, defaultSecurity, securitySchemes } from '../auth/openapi';
import type { z } from 'zod';
import { nationalEventPayloads, programDefinitions } from '../../definitions';
import { chinaDate } from '../../definitions/calendar';
import { noticeListingSchema, recipientListingSchema } from '../../definitions/publication';
import { accessLogPaths, withPersonalDataReads } from '../accessLog/openapi';
import { householdRoutes } from '../households/routes';
import { cycleCommandSchemas, paymentRoutes } from '../payments/routes';
import { openApiPaths } from './declaredRoutes';
import { errorBody, identityHeaders, jsonSchemaOf, usualResponses } from './openApiParts';
import { applicationRoutes } from '../applications/routes';
import { noticeListQuerySchema, recipientListQuerySchema } from '../publication/schemas';
import { referralDecisionRoutes, referralRoutes } from '../referrals/routes';
import { migrationRoutes } from '../migrations/routes';
import { integrityRoutes, riskRoutes } from '../risks/routes';
import { temporalCodecPaths } from '../temporalCodec/openapi';
import { supervisionRoutes } from '../supervision/routes';
import { stuckCaseRoutes } from '../stuckCases/routes';

const json = jsonSchemaOf;

function eventSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const definition of programDefinitions) {
    for (const [type, schema] of Object.entries(nationalEventPayloads(definition, chinaDate(new Date())))) {
      schemas[`${definition.program}.${type}`] = json(schema, 'input');
    }
  }
  return schemas;
}

export function buildOpenApiDocument(): Record<string, unknown> {
  const responses = usualResponses;
  return {
    openapi: '3.1.0',
    info: { title: 'Yilian (一链办) case API', version: '1' },
    components: { securitySchemes },
    security: defaultSecurity,
    paths: withPersonalDataReads(json, {
      ...authPaths(json),
      ...openApiPaths(Object.values(applicationRoutes)),
      ...openApiPaths(Object.values(programRoutes)),
      ...openApiPaths(Object.values(configurationRoutes)),
      ...openApiPaths(Object.values(taskRoutes)),
      ...openApiPaths(Object.values(orgUnitRoutes)),
      '/api/staff/colleagues': {
        get: {
          summary: 'People of the caller’s own post (role at their org), active, caller excluded: userId and name only',
          parameters: identityHeaders,
        },
      },
      ...openApiPaths(Object.values(supervisionRoutes)),
      ...openApiPaths(Object.values(stuckCaseRoutes)),
      ...openApiPaths(Object.values(migrationRoutes)),
      ...publicationPaths(),
      ...openApiPaths([...Object.values(riskRoutes), ...Object.values(integrityRoutes)]),
      ...openApiPaths(Object.values(paymentRoutes)),
      ...openApiPaths([...Object.values(referralRoutes), ...referralDecisionRoutes]),
      ...openApiPaths(Object.values(householdRoutes)),
      ...accessLogPaths(json, identityHeaders, responses),
      ...temporalCodecPaths(identityHeaders),
      '/healthz': { get: { summary: 'Liveness: the process answers (no dependency is asked)', security: [] } },
      '/readyz': {
        get: {
          summary:
            'Readiness: PostgreSQL, Temporal and a worker polling the task queue answer (503 with Retry-After otherwise)',
          security: [],
        },
      },
    }),
    'x-event-payloads': { ...eventSchemas(), ...cycleCommandSchemas() },
  };
}

/** Published lists (village, township, county, supervisor in scope): masked names, no identifiers. */
function publicationPaths(): Record<string, unknown> {
  const listing = (summary: string, query: z.ZodObject, item: z.ZodType) => ({
    get: {
      summary,
      parameters: [
        ...identityHeaders,
        ...Object.entries(query.shape).map(([name, schema]) => ({
          name,
          in: 'query',
          required: name === 'village',
          schema: json(schema as z.ZodType, 'input'),
        })),
      ],
      responses: {
        200: {
          description:
            'A page (JSON), or the list from `cursor` on as CSV with a UTF-8 BOM (format=csv), streamed, at most ' +
            'CSV_EXPORT_MAX_ROWS rows; a cut-off file ends with a `#` line and the trailers X-Yilian-Truncated: true ' +
            'and X-Yilian-Next-Cursor (pass it as `cursor` for the rest)',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { items: { type: 'array', items: json(item) }, nextCursor: { type: ['string', 'null'] } },
              },
            },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        400: { description: '请求内容有误（含字段路径）', content: { 'application/json': { schema: errorBody } } },
        401: { description: '缺少身份信息' },
        403: { description: '无权查看' },
      },
    },
  });
  return {
    '/api/publication/notices': listing(
      'Public notice list (公示名单) of a village: cases in publicNotice, masked name, household size, ' +
        'proposed amount, notice period end',
      noticeListQuerySchema,
      noticeListingSchema
    ),
    '/api/publication/recipients': listing(
      'Households receiving the benefit (长期公示) under an org: masked name, household size, monthly amount, ' +
        'approval date',
      recipientListQuerySchema,
      recipientListingSchema
    ),
  };
}
