/**
 * Live-case migration (docs/change-safety.md): a dry run and a run of a plan that moves running
 * cases from one chart version to another. Supervisors and admins, for cases under their org.
 */
import { Router } from 'express';
import { definitionForVersion, hasDefinitionVersion, migrationPlanFor } from '../../definitions';
import type { ActionName } from '../../definitions/access';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { migrationRoutes } from './routes';
import type { Caller } from '../http/identity';
import { callerOf } from '../http/identity';
import { ValidationFailed } from '../http/errors';
import type { MigrationBatch, MigrationCommands } from './commands';
import type { MigrationPlanBody } from './schemas';
import { migrationPlanBodySchema, migrationRunBodySchema } from './schemas';
import { parseOrThrow } from '../http/validation';

/** The batch a body asks for, once the plan exists and the caller may act on the cases it names. */
function batchOf(body: MigrationPlanBody, caller: Caller, action: ActionName): MigrationBatch {
  if (body.from === body.to) {
    throw new ValidationFailed('迁移的目标版本须不同于原版本', [{ path: 'body.to', message: '与 from 相同' }]);
  }
  const plan = migrationPlanFor(body.from, body.to);
  if (!plan || !hasDefinitionVersion(body.from) || !hasDefinitionVersion(body.to)) {
    throw new ValidationFailed(`没有从 ${body.from} 迁移到 ${body.to} 的迁移方案，请核对版本或先编写迁移方案`, [
      { path: 'body.to', message: '无对应的迁移方案' },
    ]);
  }
  const program = definitionForVersion(body.from).program;
  if (body.filter?.program !== undefined && body.filter.program !== program) {
    throw new ValidationFailed(`${body.from} 属于项目 ${program}`, [
      { path: 'body.filter.program', message: `应为 ${program} 或省略` },
    ]);
  }
  const underOrg = body.filter?.county ?? caller.org;
  authorizeOn(caller, action, { org: underOrg });
  return {
    from: body.from,
    to: body.to,
    planLabelZh: plan.labelZh,
    program,
    underOrg,
    step: body.filter?.state,
    cursor: body.cursor,
    limit: body.limit,
  };
}

export function migrationsRouter({ migrations }: { migrations: MigrationCommands }): Router {
  const router = Router();

  serve(router, migrationRoutes.plan, async (req, res) => {
    const caller = callerOf(req);
    const body = parseOrThrow(migrationPlanBodySchema, req.body, ['body']);
    res.json(await migrations.plan(batchOf(body, caller, 'migrations.plan')));
  });

  serve(router, migrationRoutes.run, async (req, res) => {
    const caller = callerOf(req);
    const body = parseOrThrow(migrationRunBodySchema, req.body, ['body']);
    const batch = batchOf(body, caller, 'migrations.run');
    const actor = { userId: caller.userId, role: caller.role, org: caller.org };
    res.json(await migrations.run(batch, actor, body.reason));
  });

  return router;
}
