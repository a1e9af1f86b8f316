/**
 * The OpenAPI description, generated from the same zod schemas that validate requests, so the
 * document cannot drift from what the API accepts.
 */
import { eligibilityResultSchema } from '../definitions/eligibility';
import { z } from 'zod';
import { programDefinitions } from '../definitions';
import { chinaDate } from '../definitions/calendar';
import { applicationSchema } from '../definitions/shared/application';
import { resolveRules } from '../definitions/shared/rulesConfig';
import { caseViewSchema } from '../workflows/contract';
import { caseListQuerySchema } from './schemas';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string', description: '给工作人员看的中文提示' },
        issues: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
        allowedEvents: { type: 'array', items: { type: 'object' } },
      },
    },
  },
};

const identityHeaders = ['X-User-Id', 'X-User-Role', 'X-User-Org'].map((name) => ({
  name,
  in: 'header',
  required: true,
  schema: { type: 'string' },
}));

function eventSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const definition of programDefinitions) {
    // Payload shapes with the national rules; a county's rules may tighten limits, never the shape.
    const rules: unknown = resolveRules(
      definition.configEntries,
      definition.rulesSchema,
      definition.program,
      '000000',
      chinaDate(new Date())
    );
    for (const [type, schema] of Object.entries(definition.eventPayloads(rules))) {
      schemas[`${definition.program}.${type}`] = json(schema, 'input');
    }
  }
  return schemas;
}

export function buildOpenApiDocument(): Record<string, unknown> {
  const responses = (ok: string, okSchema: unknown) => ({
    [ok]: { description: 'OK', content: { 'application/json': { schema: okSchema } } },
    400: { description: '请求内容有误（含字段路径）', content: { 'application/json': { schema: errorBody } } },
    401: { description: '缺少身份信息' },
    403: { description: '无权办理' },
    404: { description: '未找到' },
    409: {
      description: '当前环节不允许此操作（含可办理的操作）',
      content: { 'application/json': { schema: errorBody } },
    },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Yilian (一链办) case API', version: '1' },
    paths: {
      '/api/applications': {
        post: {
          summary: 'Start an application (window staff)',
          parameters: [...identityHeaders, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: json(applicationSchema, 'input') } } },
          responses: responses('201', json(caseViewSchema)),
        },
      },
      '/api/applications/{id}': {
        get: {
          summary: 'A case: state, allowed events, deadlines, timeline',
          parameters: identityHeaders,
          responses: responses('200', json(caseViewSchema)),
        },
      },
      '/api/applications/{id}/events': {
        post: {
          summary: 'Send a decision: { type, ...payload } (see x-event-payloads)',
          parameters: identityHeaders,
          requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['type'] } } } },
          responses: responses('200', json(caseViewSchema)),
        },
      },
      '/api/applications/{id}/notices': {
        get: { summary: 'Written notices issued for a case', parameters: identityHeaders },
      },
      '/api/applications/{id}/verification': {
        get: {
          summary:
            'Household economic check (township, county, supervisor): every run newest first, each source’s ' +
            'answer and findings, and the eligibility explanation (rules, figures, pass/fail, source records)',
          parameters: identityHeaders,
          responses: responses('200', {
            type: 'object',
            properties: {
              caseId: { type: 'string' },
              latestRun: { type: ['integer', 'null'] },
              runs: {
                type: 'array',
                items: { type: 'object', properties: { eligibility: json(eligibilityResultSchema) } },
              },
            },
          }),
        },
      },
      '/api/cases': {
        get: {
          summary: 'Cases under the caller’s org, newest first, keyset-paginated',
          parameters: [
            ...identityHeaders,
            ...Object.keys(caseListQuerySchema.shape).map((name) => ({
              name,
              in: 'query',
              schema: { type: 'string' },
            })),
          ],
        },
      },
      '/healthz': { get: { summary: 'Liveness and dependencies' } },
    },
    'x-event-payloads': eventSchemas(),
  };
}
