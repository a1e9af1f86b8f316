/**
 * The OpenAPI paths of the risk warnings and the integrity register, generated from the same zod
 * schemas that validate their requests.
 */
import { z } from 'zod';
import {
  acknowledgeBodySchema,
  dishonestyCreateSchema,
  integrityListQuerySchema,
  resolveBodySchema,
  riskListQuerySchema,
  staffRelativesBodySchema,
} from './schemas';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

export function riskPaths(identityHeaders: readonly object[]): Record<string, unknown> {
  const query = (schema: z.ZodObject) => [
    ...identityHeaders,
    ...Object.entries(schema.shape).map(([name, s]) => ({ name, in: 'query', schema: json(s as z.ZodType) })),
  ];
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema: json(schema) } } });
  const moveResponses = {
    200: { description: 'The warning as it now is' },
    409: { description: '当前状态不允许此操作，或版本已过期（含 state、allowedMoves 和预警当前内容）' },
  };
  return {
    '/api/supervision/risks': {
      get: {
        summary:
          'Risk warnings under the caller’s org (supervisor; county for its own county), newest first, ' +
          'keyset-paginated; filter by state, rule, caseId, org',
        parameters: query(riskListQuerySchema),
      },
    },
    '/api/supervision/risks/{id}/acknowledge': {
      post: {
        summary: 'Acknowledge an open warning: { version, note? }',
        parameters: identityHeaders,
        requestBody: body(acknowledgeBodySchema),
        responses: moveResponses,
      },
    },
    '/api/supervision/risks/{id}/resolve': {
      post: {
        summary: 'Resolve an acknowledged warning with what was found: { version, note }',
        parameters: identityHeaders,
        requestBody: body(resolveBodySchema),
        responses: moveResponses,
      },
    },
    '/api/supervision/staff-relatives': {
      get: { summary: 'The staff-relatives register (近亲属备案) under the caller’s org', parameters: identityHeaders },
      post: {
        summary: 'Register staff relatives: { entries: [...] } (supervisor; county for its own county)',
        parameters: identityHeaders,
        requestBody: body(staffRelativesBodySchema),
      },
    },
    '/api/integrity/records': {
      get: {
        summary: 'Dishonesty records by ID number or by the household of a case (supervisor, county)',
        parameters: query(integrityListQuerySchema),
      },
      post: {
        summary: 'Record a dishonesty finding by hand (supervisor); expiry from the county’s configuration',
        parameters: identityHeaders,
        requestBody: body(dishonestyCreateSchema),
      },
    },
    '/api/applications/{id}/integrity': {
      get: {
        summary:
          'For reviewers (township, county, supervisor): the pledge, the household’s dishonesty records in ' +
          'force and the case’s open and acknowledged risk warnings',
        parameters: identityHeaders,
      },
    },
  };
}
