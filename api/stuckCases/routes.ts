/**
 * The stuck-case routes (supervisors, cases under their org), declared once: the router serves
 * these and the OpenAPI paths are derived from them (api/http/declaredRoutes.ts).
 */
import type { z } from 'zod';
import type { DeclaredRoute } from '../http/declaredRoutes';
import { errorBody, jsonSchemaOf } from '../http/openApiParts';
import {
  retryResultSchema,
  stuckListSchema,
  stuckQuerySchema,
  terminateBodySchema,
  terminateResultSchema,
} from './schemas';

const caseIdParam = { name: 'caseId', in: 'path', required: true, schema: { type: 'string' } };

/** What these routes answer: their refusals say what a supervisor can do about them. */
const outcome = (okSchema: z.ZodType) => ({
  200: { description: 'OK', content: { 'application/json': { schema: jsonSchemaOf(okSchema) } } },
  400: { description: '请求内容有误（含字段路径）', content: { 'application/json': { schema: errorBody } } },
  401: { description: '未登录，或登录凭证无效、已过期' },
  403: { description: '非监督人员，或案件不在本机构管辖范围内' },
  404: { description: '未找到该案件' },
  409: {
    description: '流程已结束、已被终止，或没有可重试的失败环节',
    content: { 'application/json': { schema: errorBody } },
  },
});

export const stuckCaseRoutes = {
  list: {
    method: 'get',
    path: '/supervision/stuck',
    action: 'stuck.list',
    summary:
      'Running cases whose workflow is failing: an activity on attempt ≥ minActivityAttempts (type, attempt, ' +
      'last failure, last and next attempt) or a workflow task failing again and again (cause, message). ' +
      'Each page describes `limit` running cases of the org (at most 100); follow nextCursor to scan on',
    query: stuckQuerySchema,
    responses: outcome(stuckListSchema),
  },
  retry: {
    method: 'post',
    path: '/supervision/stuck/:caseId/retry',
    action: 'stuck.retry',
    summary:
      'Try the failing part again now: a retrying activity is reset (attempt 1, scheduled at once); a failing ' +
      'workflow task is reset to the last completed workflow task (deploy the fix first)',
    parameters: [caseIdParam],
    responses: outcome(retryResultSchema),
  },
  terminate: {
    method: 'post',
    path: '/supervision/stuck/:caseId/terminate',
    action: 'stuck.terminate',
    summary:
      'Terminate the case’s workflow with a reason; records an audit line and marks the case done ' +
      '(step terminatedBySupervisor). A second termination is 409',
    parameters: [caseIdParam],
    body: terminateBodySchema,
    responses: outcome(terminateResultSchema),
  },
} as const satisfies Record<string, DeclaredRoute>;
