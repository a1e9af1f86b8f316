/**
 * The payments part of the OpenAPI document, from the same schemas the payments router validates
 * with. Kept beside the payment schemas so the main document stays a table of contents.
 */
import type { z } from 'zod';
import { bankFileColumnsV1, cycleCommandPayloads, returnFileColumnsV1 } from '../../definitions/payments';
import { cycleViewSchema } from '../../workflows/paymentContract';
import {
  commentBodySchema,
  correctionBodySchema,
  cycleLinesAnswerSchema,
  cycleLinesQuerySchema,
  cycleListAnswerSchema,
  cyclesQuerySchema,
  retriesQuerySchema,
  retrySchema,
  spendingQuerySchema,
  spendingSchema,
  startCycleBodySchema,
} from './schemas';

type JsonOf = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type ResponsesOf = (ok: string, okSchema: unknown) => Record<string, unknown>;

export function paymentPaths(json: JsonOf, identityHeaders: object[], responses: ResponsesOf): Record<string, unknown> {
  const view = json(cycleViewSchema);
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema: json(schema, 'input') } } });
  const query = (schema: z.ZodObject) =>
    Object.entries(schema.shape).map(([name, s]) => ({ name, in: 'query', schema: json(s as z.ZodType, 'input') }));
  const items = (schema: z.ZodType) => ({
    type: 'object',
    properties: { items: { type: 'array', items: json(schema) } },
  });
  return {
    '/api/payment-cycles': {
      post: {
        summary:
          'Start a county’s monthly payment cycle (finance of the county). Once per county and month: 201 when ' +
          'started, 200 with the existing cycle otherwise',
        parameters: identityHeaders,
        requestBody: body(startCycleBodySchema),
        responses: responses('201', view),
      },
      get: {
        summary: 'A county’s cycles, newest month first (read model; keyset paging with nextCursor)',
        parameters: [...identityHeaders, ...query(cyclesQuerySchema)],
        responses: responses('200', json(cycleListAnswerSchema)),
      },
    },
    '/api/payment-cycles/{id}': {
      get: {
        summary: 'A cycle: step, roll, batch, preparer/approver, files, reconciliation',
        parameters: identityHeaders,
        responses: responses('200', view),
      },
    },
    '/api/payment-cycles/{id}/lines': {
      get: {
        summary:
          'The lines the cycle froze, in bank-file order, with where each stands in the ledger (back pay marked by ' +
          'ledgerKind; names and accounts masked); keyset paging with nextCursor',
        parameters: [...identityHeaders, ...query(cycleLinesQuerySchema)],
        responses: responses('200', json(cycleLinesAnswerSchema)),
      },
    },
    '/api/payment-cycles/{id}/submit': {
      post: {
        summary: 'Submit the built batch for approval; the sender becomes its preparer (制单人)',
        parameters: identityHeaders,
        requestBody: body(commentBodySchema),
        responses: responses('200', view),
      },
    },
    '/api/payment-cycles/{id}/approve': {
      post: {
        summary: 'Approve the batch (finance of the county, not its preparer: 403 MAKER_CHECKER 制单人不能审核本批次)',
        parameters: identityHeaders,
        requestBody: body(commentBodySchema),
        responses: responses('200', view),
      },
    },
    '/api/payment-cycles/{id}/return-for-correction': {
      post: {
        summary: 'Send the batch back to its preparer with a reason (not by the preparer)',
        parameters: identityHeaders,
        requestBody: body(correctionBodySchema),
        responses: responses('200', view),
      },
    },
    '/api/payment-cycles/{id}/bank-file': {
      get: {
        summary: `The bank payment file (layout v1): ${bankFileColumnsV1.join(',')}`,
        parameters: identityHeaders,
        responses: {
          200: { description: 'CSV, UTF-8, CRLF', content: { 'text/csv': { schema: { type: 'string' } } } },
          404: { description: '尚未生成' },
        },
      },
    },
    '/api/payment-cycles/{id}/return-file': {
      post: {
        summary: `Record the bank’s return file (text/csv, UTF-8): ${returnFileColumnsV1.join(',')}. A bad, unknown or repeated line refuses the whole file (400 FILE_REJECTED: the first problems with line numbers, and problemCount); over the size limit 413 FILE_TOO_LARGE; a cycle keeping its maximum of files or bytes 409 RETURN_FILES_LIMIT`,
        parameters: identityHeaders,
        requestBody: { content: { 'text/csv': { schema: { type: 'string' } } } },
        responses: responses('200', view),
      },
    },
    '/api/payment-retries': {
      get: {
        summary: 'Failed and held payments of a county waiting for (or taken by) a later cycle',
        parameters: [...identityHeaders, ...query(retriesQuerySchema)],
        responses: responses('200', items(retrySchema)),
      },
    },
    '/api/funds/spending': {
      get: {
        summary:
          'Paid amounts per county, cash month, fund and program, summed from the ledger; format=csv: the same as a ' +
          'CSV file for Excel (UTF-8 with BOM, Chinese headers)',
        parameters: [...identityHeaders, ...query(spendingQuerySchema)],
        responses: {
          ...responses('200', items(spendingSchema)),
          200: {
            description: 'JSON, or CSV with format=csv',
            content: {
              'application/json': { schema: items(spendingSchema) },
              'text/csv': { schema: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}

/** Payloads of the finance commands, for the document's x-event-payloads. */
export function cycleCommandSchemas(json: JsonOf): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(cycleCommandPayloads).map(([type, s]) => [`paymentCycle.${type}`, json(s, 'input')])
  );
}
