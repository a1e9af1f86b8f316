/**
 * The payments routes, declared once: path, action, schemas and what the document says of each.
 * The router serves these; the OpenAPI paths are derived from them (api/http/declaredRoutes.ts).
 */
import type { z } from 'zod';
import { bankFileColumnsV1, cycleCommandPayloads, returnFileColumnsV1 } from '../../definitions/payments';
import { cycleViewSchema } from '../../workflows/paymentContract';
import type { DeclaredRoute } from '../http/declaredRoutes';
import { jsonSchemaOf } from '../http/openApiParts';
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

/** `{ items: [...] }`, as the retries and spending lists answer. */
const itemsOf = (schema: z.ZodType) => ({
  type: 'object',
  properties: { items: { type: 'array', items: jsonSchemaOf(schema) } },
});
const csvFile = { 'text/csv': { schema: { type: 'string' } } };

const decision = <P extends string, B extends z.ZodType>(
  path: P,
  action: DeclaredRoute['action'],
  summary: string,
  body: B
) =>
  ({
    method: 'post',
    path: `/payment-cycles/:id/${path}` as const,
    action,
    summary,
    body,
    ok: { status: '200', schema: cycleViewSchema },
  }) satisfies DeclaredRoute;

export const paymentRoutes = {
  startCycle: {
    method: 'post',
    path: '/payment-cycles',
    action: 'payments.cycle.start',
    summary:
      'Start a county’s monthly payment cycle (finance of the county). Once per county and month: 201 when ' +
      'started, 200 with the existing cycle otherwise',
    body: startCycleBodySchema,
    ok: { status: '201', schema: cycleViewSchema },
  },
  listCycles: {
    method: 'get',
    path: '/payment-cycles',
    action: 'payments.cycle.list',
    summary: 'A county’s cycles, newest month first (read model; keyset paging with nextCursor)',
    query: cyclesQuerySchema,
    ok: { status: '200', schema: cycleListAnswerSchema },
  },
  readCycle: {
    method: 'get',
    path: '/payment-cycles/:id',
    action: 'payments.cycle.read',
    summary: 'A cycle: step, roll, batch, preparer/approver, files, reconciliation',
    ok: { status: '200', schema: cycleViewSchema },
  },
  cycleLines: {
    method: 'get',
    path: '/payment-cycles/:id/lines',
    action: 'payments.lines.read',
    summary:
      'The lines the cycle froze, in bank-file order, with where each stands in the ledger (back pay marked by ' +
      'ledgerKind; names and accounts masked); keyset paging with nextCursor',
    query: cycleLinesQuerySchema,
    ok: { status: '200', schema: cycleLinesAnswerSchema },
  },
  submit: decision(
    'submit',
    'payments.cycle.submit',
    'Submit the built batch for approval; the sender becomes its preparer (制单人)',
    commentBodySchema
  ),
  approve: decision(
    'approve',
    'payments.cycle.approve',
    'Approve the batch (finance of the county, not its preparer: 403 MAKER_CHECKER 制单人不能审核本批次)',
    commentBodySchema
  ),
  returnForCorrection: decision(
    'return-for-correction',
    'payments.cycle.return',
    'Send the batch back to its preparer with a reason (not by the preparer)',
    correctionBodySchema
  ),
  bankFile: {
    method: 'get',
    path: '/payment-cycles/:id/bank-file',
    action: 'payments.bankFile.read',
    summary: `The bank payment file (layout v1): ${bankFileColumnsV1.join(',')}`,
    responses: {
      200: { description: 'CSV, UTF-8, CRLF', content: csvFile },
      404: { description: '尚未生成' },
    },
  },
  returnFile: {
    method: 'post',
    path: '/payment-cycles/:id/return-file',
    action: 'payments.returnFile.upload',
    summary: `Record the bank’s return file (text/csv, UTF-8): ${returnFileColumnsV1.join(',')}. A bad, unknown or repeated line refuses the whole file (400 FILE_REJECTED: the first problems with line numbers, and problemCount); over the size limit 413 FILE_TOO_LARGE; a cycle keeping its maximum of files or bytes 409 RETURN_FILES_LIMIT`,
    requestBody: { content: csvFile },
    ok: { status: '200', schema: cycleViewSchema },
  },
  retries: {
    method: 'get',
    path: '/payment-retries',
    action: 'payments.retries.read',
    summary: 'Failed and held payments of a county waiting for (or taken by) a later cycle',
    query: retriesQuerySchema,
    ok: { status: '200', schema: itemsOf(retrySchema) },
  },
  spending: {
    method: 'get',
    path: '/funds/spending',
    action: 'funds.spending.read',
    summary:
      'Paid amounts per county, cash month, fund and program, summed from the ledger; format=csv: the same as a ' +
      'CSV file for Excel (UTF-8 with BOM, Chinese headers)',
    query: spendingQuerySchema,
    ok: { status: '200', schema: itemsOf(spendingSchema) },
    responses: {
      200: {
        description: 'JSON, or CSV with format=csv',
        content: { 'application/json': { schema: itemsOf(spendingSchema) }, ...csvFile },
      },
    },
  },
} as const satisfies Record<string, DeclaredRoute>;

/** Payloads of the finance commands, for the document's x-event-payloads. */
export const cycleCommandSchemas = (): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(cycleCommandPayloads).map(([type, s]) => [`paymentCycle.${type}`, jsonSchemaOf(s, 'input')])
  );
