/**
 * The OpenAPI paths of live-case migration (dry run and run), generated from the same zod schemas
 * that validate their requests.
 */
import type { z } from 'zod';
import { migrationPlanBodySchema, migrationResultSchema, migrationRunBodySchema } from './schemas';

type JsonOf = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;

export function migrationPaths(json: JsonOf, identityHeaders: object[], errorBody: object): Record<string, unknown> {
  const responses = {
    200: { description: 'OK', content: { 'application/json': { schema: json(migrationResultSchema) } } },
    400: {
      description: '请求内容有误（含字段路径），或没有该版本对之间的迁移方案',
      content: { 'application/json': { schema: errorBody } },
    },
    401: { description: '未登录，或登录凭证无效、已过期' },
    403: { description: '非监督人员或系统管理员，或所选县不在本机构管辖范围内' },
  };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema: json(schema, 'input') } } });
  return {
    '/api/migrations/plan': {
      post: {
        summary:
          'Dry run of a live-case migration (supervisor, admin): for the running cases on `from` (or already on ' +
          '`to`) under the filter, what each would do — wouldMigrate (states and timers before and after), ' +
          'alreadyMigrated, or cannotMigrate with a code and a reason in Chinese. Nothing changes',
        parameters: identityHeaders,
        requestBody: body(migrationPlanBodySchema),
        responses,
      },
    },
    '/api/migrations/run': {
      post: {
        summary:
          'Run a live-case migration (supervisor, admin): each case that can migrate moves to `to` through its ' +
          'workflow, keeps its clocks, and gets an audit line MIGRATE_DEFINITION (from → to, by whom, `reason`); ' +
          'cases that cannot stay on `from`. Idempotent and resumable: run it again, or follow nextCursor',
        parameters: identityHeaders,
        requestBody: body(migrationRunBodySchema),
        responses,
      },
    },
  };
}
