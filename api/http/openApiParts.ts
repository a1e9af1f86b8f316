/**
 * The pieces every part of the OpenAPI document is made of: a zod schema as JSON Schema, the error
 * body, the usual answers of a route, and the headers about the caller.
 */
import { z } from 'zod';
import { actingPostHeader } from '../auth/openapi';

export type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema: what a request may send (`input`) or what an answer holds (`output`). */
export const jsonSchemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

export const errorBody = {
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

/** A route's answers: `ok` with its body, and the refusals every route may answer with. */
export const usualResponses = (ok: string, okSchema: unknown): Record<string, unknown> => ({
  [ok]: { description: 'OK', content: { 'application/json': { schema: okSchema } } },
  400: { description: '请求内容有误（含字段路径）', content: { 'application/json': { schema: errorBody } } },
  401: { description: '未登录，或登录凭证无效、已过期' },
  403: { description: '无权办理' },
  404: { description: '未找到' },
  409: {
    description: '当前环节不允许此操作（含可办理的操作）',
    content: { 'application/json': { schema: errorBody } },
  },
});

/** Headers about the caller beyond their credential (the security schemes carry that). */
export const identityHeaders: object[] = [actingPostHeader];

/** The Idempotency-Key header of a start. */
export const idempotencyKeyHeader = { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } };

/**
 * Query parameters named by a schema's fields, each stated as a string (as the query string carries
 * it): for lists whose fields the summary explains, where the field's own schema would say less.
 */
export const stringQueryParameters = (schema: { shape: Record<string, unknown> }): object[] =>
  Object.keys(schema.shape).map((name) => ({ name, in: 'query', schema: { type: 'string' } }));
