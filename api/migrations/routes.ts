/**
 * The live-case migration routes (dry run and run), declared once: the router serves these and
 * the OpenAPI paths are derived from them (api/http/declaredRoutes.ts).
 */
import type { DeclaredRoute } from '../http/declaredRoutes';
import { errorBody, jsonSchemaOf } from '../http/openApiParts';
import { migrationPlanBodySchema, migrationResultSchema, migrationRunBodySchema } from './schemas';

/** Both answer a batch's result, or say why no batch ran (the usual 404 and 409 do not occur). */
const batchResponses = {
  200: { description: 'OK', content: { 'application/json': { schema: jsonSchemaOf(migrationResultSchema) } } },
  400: {
    description: '请求内容有误（含字段路径），或没有该版本对之间的迁移方案',
    content: { 'application/json': { schema: errorBody } },
  },
  401: { description: '未登录，或登录凭证无效、已过期' },
  403: { description: '非监督人员或系统管理员，或所选县不在本机构管辖范围内' },
};

export const migrationRoutes = {
  plan: {
    method: 'post',
    path: '/migrations/plan',
    action: 'migrations.plan',
    summary:
      'Dry run of a live-case migration (supervisor, admin): for the running cases on `from` (or already on ' +
      '`to`) under the filter, what each would do — wouldMigrate (states and timers before and after), ' +
      'alreadyMigrated, or cannotMigrate with a code and a reason in Chinese. Nothing changes',
    body: migrationPlanBodySchema,
    responses: batchResponses,
  },
  run: {
    method: 'post',
    path: '/migrations/run',
    action: 'migrations.run',
    summary:
      'Run a live-case migration (supervisor, admin): each case that can migrate moves to `to` through its ' +
      'workflow, keeps its clocks, and gets an audit line MIGRATE_DEFINITION (from → to, by whom, `reason`); ' +
      'cases that cannot stay on `from`. Idempotent and resumable: run it again, or follow nextCursor',
    body: migrationRunBodySchema,
    responses: batchResponses,
  },
} as const satisfies Record<string, DeclaredRoute>;
