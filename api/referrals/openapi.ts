/**
 * The OpenAPI paths of referrals (转办/转介), generated from the same zod schemas that validate their
 * requests. A department caller's kind comes from their post in the staff directory.
 */
import type { z } from 'zod';
import { referralRequestSchema } from '../../definitions/referral';
import { caseViewSchema } from '../../workflows/contract';
import { inboxPageSchema, inboxQuerySchema, referralActionBodies } from './schemas';

type JsonOf = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type ResponsesOf = (ok: string, okSchema: unknown) => Record<string, unknown>;

const ACTION_SUMMARIES: Record<keyof typeof referralActionBodies, string> = {
  acknowledge: 'The department signs for the referral (签收); its outcome clock starts (department)',
  outcome: 'The department reports what it did: helped / notEligible / referredElsewhere, with a text (department)',
  return: 'The department returns a referral that is not its own to the township, with a reason (department)',
  withdraw: 'The sending township (or its window) withdraws the referral, with a reason',
};

export function referralPaths(
  json: JsonOf,
  identityHeaders: object[],
  responses: ResponsesOf
): Record<string, unknown> {
  const headers = identityHeaders;
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema: json(schema, 'input') } } });
  const view = json(caseViewSchema);
  const actions = Object.fromEntries(
    Object.entries(referralActionBodies).map(([action, schema]) => [
      `/api/referrals/{id}/${action}`,
      {
        post: {
          summary: ACTION_SUMMARIES[action as keyof typeof referralActionBodies],
          parameters: headers,
          requestBody: body(schema),
          responses: responses('200', view),
        },
      },
    ])
  );
  return {
    '/api/referrals': {
      post: {
        summary:
          'Send a referral to a county department (township or window staff); an Idempotency-Key makes a retry ' +
          'return the same referral (200, Idempotent-Replayed: true), the same key with another body is a 409',
        parameters: [...identityHeaders, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
        requestBody: body(referralRequestSchema),
        responses: responses('201', view),
      },
    },
    '/api/referrals/inbox': {
      get: {
        summary:
          'A department’s inbox: referrals sent to its kind in its county, newest first, keyset-paginated; ' +
          'status open (待签收) / acknowledged (办理中) / done',
        parameters: [
          ...headers,
          ...Object.entries(inboxQuerySchema.shape).map(([name, s]) => ({
            name,
            in: 'query',
            schema: json(s as z.ZodType, 'input'),
          })),
        ],
        responses: responses('200', json(inboxPageSchema)),
      },
    },
    '/api/referrals/{id}': {
      get: {
        summary: 'A referral as a case: state, allowed events, deadlines, outcome, timeline',
        parameters: headers,
        responses: responses('200', view),
      },
    },
    ...actions,
  };
}
