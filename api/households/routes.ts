/**
 * The household routes (one window, one form), declared once: the router serves these and the
 * OpenAPI paths are derived from them (api/http/declaredRoutes.ts).
 */
import { householdApplicationSchema, needsAssessmentRequestSchema } from '../../definitions/intake/householdForm';
import { needsAssessmentSchema } from '../../definitions/intake/proposals';
import type { DeclaredRoute } from '../http/declaredRoutes';
import { idempotencyKeyHeader, jsonSchemaOf } from '../http/openApiParts';
import { householdChildSchema, householdViewSchema, supplyMaterialsBodySchema, supplyResultSchema } from './schemas';

export const householdRoutes = {
  assess: {
    method: 'post',
    path: '/needs-assessment',
    action: 'households.assess',
    summary:
      'Needs assessment, a dry run (window staff): the household form → proposed programs and referrals, ' +
      'each with its strength (likely/possible), reason and basis (figures, rules). Starts nothing',
    body: needsAssessmentRequestSchema,
    ok: { status: '200', schema: needsAssessmentSchema },
  },
  start: {
    method: 'post',
    path: '/household-applications',
    action: 'households.start',
    summary:
      'Start a household application (window staff): the form with the confirmed programs and referrals. ' +
      'One child case per program (ids derived from the household id), referrals listed as not started, ' +
      'one pledge for the household. Idempotency-Key: same key and form → the same household (200)',
    parameters: [idempotencyKeyHeader],
    body: householdApplicationSchema,
    ok: { status: '201', schema: householdViewSchema },
  },
  read: {
    method: 'get',
    path: '/household-applications/:id',
    action: 'households.read',
    summary: 'The household as one: combined status, each child’s step and decision, merged missing-materials notice',
    ok: { status: '200', schema: householdViewSchema },
  },
  children: {
    method: 'get',
    path: '/household-applications/:id/children',
    action: 'households.children',
    summary: 'The household’s children: program cases and referrals',
    ok: {
      status: '200',
      schema: { type: 'object', properties: { items: { type: 'array', items: jsonSchemaOf(householdChildSchema) } } },
    },
  },
  materials: {
    method: 'post',
    path: '/household-applications/:id/materials',
    action: 'households.materials',
    summary:
      'Materials handed in once (window staff): SUPPLY_MATERIALS to every child case waiting for materials; ' +
      '409 when none waits',
    body: supplyMaterialsBodySchema,
    ok: { status: '200', schema: supplyResultSchema },
  },
} as const satisfies Record<string, DeclaredRoute>;
