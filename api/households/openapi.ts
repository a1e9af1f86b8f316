/**
 * The household part of the OpenAPI document (one window, one form), from the same schemas the
 * households router validates with and answers in.
 */
import type { z } from 'zod';
import { householdApplicationSchema, needsAssessmentRequestSchema } from '../../definitions/intake/householdForm';
import { needsAssessmentSchema } from '../../definitions/intake/proposals';
import { householdChildSchema, householdViewSchema, supplyMaterialsBodySchema, supplyResultSchema } from './schemas';

type JsonOf = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type ResponsesOf = (ok: string, okSchema: unknown) => Record<string, unknown>;

export function householdPaths(
  json: JsonOf,
  identityHeaders: object[],
  responses: ResponsesOf
): Record<string, unknown> {
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema: json(schema, 'input') } } });
  const view = json(householdViewSchema);
  return {
    '/api/needs-assessment': {
      post: {
        summary:
          'Needs assessment, a dry run (window staff): the household form → proposed programs and referrals, ' +
          'each with its strength (likely/possible), reason and basis (figures, rules). Starts nothing',
        parameters: identityHeaders,
        requestBody: body(needsAssessmentRequestSchema),
        responses: responses('200', json(needsAssessmentSchema)),
      },
    },
    '/api/household-applications': {
      post: {
        summary:
          'Start a household application (window staff): the form with the confirmed programs and referrals. ' +
          'One child case per program (ids derived from the household id), referrals listed as not started, ' +
          'one pledge for the household. Idempotency-Key: same key and form → the same household (200)',
        parameters: [...identityHeaders, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
        requestBody: body(householdApplicationSchema),
        responses: responses('201', view),
      },
    },
    '/api/household-applications/{id}': {
      get: {
        summary:
          'The household as one: combined status, each child’s step and decision, merged missing-materials notice',
        parameters: identityHeaders,
        responses: responses('200', view),
      },
    },
    '/api/household-applications/{id}/children': {
      get: {
        summary: 'The household’s children: program cases and referrals',
        parameters: identityHeaders,
        responses: responses('200', {
          type: 'object',
          properties: { items: { type: 'array', items: json(householdChildSchema) } },
        }),
      },
    },
    '/api/household-applications/{id}/materials': {
      post: {
        summary:
          'Materials handed in once (window staff): SUPPLY_MATERIALS to every child case waiting for materials; ' +
          '409 when none waits',
        parameters: identityHeaders,
        requestBody: body(supplyMaterialsBodySchema),
        responses: responses('200', json(supplyResultSchema)),
      },
    },
  };
}
