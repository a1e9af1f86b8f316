/**
 * The OpenAPI description, generated from the same zod schemas that validate requests, so the
 * document cannot drift from what the API accepts. Routes declared once (api/<resource>/routes.ts)
 * have their paths derived from the declarations the routers serve; sign-in and staff, the codec
 * endpoint and health still state theirs beside their router (api/<resource>/openapi.ts) or below.
 */
import { taskRoutes } from '../tasks/routes';
import { programRoutes } from '../programs/routes';
import { configurationRoutes } from '../configuration/routes';
import { orgUnitRoutes } from '../orgUnits/routes';
import { authPaths, defaultSecurity, securitySchemes } from '../auth/openapi';
import { nationalEventPayloads, programDefinitions } from '../../definitions';
import { chinaDate } from '../../definitions/calendar';
import { withPersonalDataReads } from './personalDataOpenApi';
import { accessLogRoutes } from '../accessLog/routes';
import { householdRoutes } from '../households/routes';
import { cycleCommandSchemas, paymentRoutes } from '../payments/routes';
import { openApiPaths } from './declaredRoutes';
import { identityHeaders, jsonSchemaOf } from './openApiParts';
import { applicationRoutes } from '../applications/routes';
import { publicationRoutes } from '../publication/routes';
import { referralDecisionRoutes, referralRoutes } from '../referrals/routes';
import { migrationRoutes } from '../migrations/routes';
import { integrityRoutes, riskRoutes } from '../risks/routes';
import { temporalCodecPaths } from '../temporalCodec/openapi';
import { supervisionRoutes } from '../supervision/routes';
import { stuckCaseRoutes } from '../stuckCases/routes';

const json = jsonSchemaOf;

/** Every route declared once (api/<resource>/routes.ts), in one list so paths shared by two resources merge. */
const declaredRoutes = [
  ...Object.values(applicationRoutes),
  ...Object.values(programRoutes),
  ...Object.values(configurationRoutes),
  ...Object.values(taskRoutes),
  ...Object.values(orgUnitRoutes),
  ...Object.values(supervisionRoutes),
  ...Object.values(stuckCaseRoutes),
  ...Object.values(migrationRoutes),
  ...Object.values(publicationRoutes),
  ...Object.values(riskRoutes),
  ...Object.values(integrityRoutes),
  ...Object.values(paymentRoutes),
  ...Object.values(referralRoutes),
  ...referralDecisionRoutes,
  ...Object.values(householdRoutes),
  ...Object.values(accessLogRoutes),
];

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
  return {
    openapi: '3.1.0',
    info: { title: 'Yilian (一链办) case API', version: '1' },
    components: { securitySchemes },
    security: defaultSecurity,
    paths: withPersonalDataReads(json, {
      ...authPaths(json),
      ...openApiPaths(declaredRoutes),
      '/api/staff/colleagues': {
        get: {
          summary: 'People of the caller’s own post (role at their org), active, caller excluded: userId and name only',
          parameters: identityHeaders,
        },
      },
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
