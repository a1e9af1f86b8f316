/**
 * Risk warnings for supervisors: the list under their org, and the two moves a warning makes
 * (acknowledge: someone is looking into it; resolve: with what was found). Moves name the version
 * the caller last saw; a stale version or a move the state does not allow is a 409 saying which
 * moves are allowed. Also the staff-relatives register (近亲属备案) the rules read.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { WarningMove } from '../../definitions/risk';
import { nextState, warningMoveLabelsZh, warningStateLabelsZh } from '../../definitions/risk';
import { listStaffRelatives, upsertStaffRelative } from '../../db/staffRelatives';
import type { WarningRow } from '../../db/riskWarnings';
import { listWarnings, moveWarning, warningById } from '../../db/riskWarnings';
import type { ActionName } from '../../definitions/access';
import { caseTarget } from '../../definitions/access';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { riskRoutes } from './routes';
import { NotFound, WarningConflict } from '../http/errors';
import type { Caller } from '../http/identity';
import { callerOf } from '../http/identity';
import {
  acknowledgeBodySchema,
  creationPaging,
  resolveBodySchema,
  riskListQuerySchema,
  staffRelativesBodySchema,
} from './schemas';
import { parseOrThrow } from '../http/validation';
import { masked } from '../http/personalData';

/** The org a list is for: the one asked for (default: the caller's), once the policy allows it. */
export function scopedOrg(caller: Caller, requested: string | undefined, action: ActionName): string {
  const org = requested ?? caller.org;
  authorizeOn(caller, action, { org });
  return org;
}

/** A page of the risk-warning list (ID numbers and accounts masked, as in every list). */
export interface RiskListAnswer {
  items: WarningRow[];
  nextCursor: string | null;
}

const warningIdSchema = z.coerce.number().int().positive('预警编号应为正整数');

export function risksRouter({ pool }: { pool: Pool }): Router {
  const router = Router();

  serve(router, riskRoutes.list, async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(riskListQuerySchema, req.query, ['query']);
    const org = scopedOrg(caller, query.org, 'risks.list');
    const rows = await listWarnings(pool, {
      ...query,
      org,
      after: creationPaging.after(query.cursor),
      limit: query.limit + 1,
    });
    const answer: RiskListAnswer = creationPaging.page(rows, query.limit, ({ createdAt, id }) => ({ createdAt, id }));
    res.json(masked(answer));
  });

  /** The warning, once the caller may take `action` on it (404 unknown, 403 outside their scope). */
  async function visibleWarning(caller: Caller, rawId: string, action: ActionName) {
    const id = parseOrThrow(warningIdSchema, rawId, ['params', 'id']);
    const warning = await warningById(pool, id);
    if (!warning) throw new NotFound('未找到该风险预警');
    authorizeOn(caller, action, caseTarget(warning.orgs));
    return warning;
  }

  async function move(
    caller: Caller,
    warning: WarningRow,
    moveName: WarningMove,
    version: number,
    note: string | null
  ) {
    const { id } = warning;
    const to = nextState(warning.state, moveName);
    if (to === undefined) throw refused(warning, moveName);
    if (!(await moveWarning(pool, { id, version, from: warning.state, to, by: caller.userId, note }))) {
      const now = (await warningById(pool, id)) ?? warning;
      if (nextState(now.state, moveName) === undefined) throw refused(now, moveName);
      throw new WarningConflict('RISK_VERSION_STALE', '该预警已被他人更新，请刷新后按最新状态重试', masked(now));
    }
    return masked((await warningById(pool, id))!);
  }

  serve(router, riskRoutes.acknowledge, async (req, res) => {
    const caller = callerOf(req);
    const warning = await visibleWarning(caller, req.params.id, 'risks.acknowledge');
    const { version, note } = parseOrThrow(acknowledgeBodySchema, req.body, ['body']);
    res.json(await move(caller, warning, 'acknowledge', version, note ?? null));
  });

  serve(router, riskRoutes.resolve, async (req, res) => {
    const caller = callerOf(req);
    const warning = await visibleWarning(caller, req.params.id, 'risks.resolve');
    const { version, note } = parseOrThrow(resolveBodySchema, req.body, ['body']);
    res.json(await move(caller, warning, 'resolve', version, note));
  });

  serve(router, riskRoutes.staffRelatives, async (req, res) => {
    const caller = callerOf(req);
    const org = scopedOrg(caller, undefined, 'staffRelatives.list');
    res.json(masked({ items: await listStaffRelatives(pool, org) }));
  });

  serve(router, riskRoutes.registerStaffRelatives, async (req, res) => {
    const caller = callerOf(req);
    const { entries } = parseOrThrow(staffRelativesBodySchema, req.body, ['body']);
    for (const e of entries) authorizeOn(caller, 'staffRelatives.register', { org: e.staffOrg });
    for (const e of entries) {
      await upsertStaffRelative(pool, { ...e, relativeName: e.relativeName ?? null, registeredBy: caller.userId });
    }
    res.status(201).json({ registered: entries.length });
  });

  return router;
}

function refused(warning: WarningRow, moveName: WarningMove): WarningConflict {
  const allowed = warning.allowedMoves.map((m) => warningMoveLabelsZh[m]).join('、') || '无';
  return new WarningConflict(
    'RISK_MOVE_NOT_ALLOWED',
    `该预警当前为“${warningStateLabelsZh[warning.state]}”，不能${warningMoveLabelsZh[moveName]}；可办理：${allowed}`,
    masked(warning)
  );
}
