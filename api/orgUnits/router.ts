/**
 * Place names for pickers and lists (`GET /api/org-units?parent=370999001`: that township's villages;
 * without `parent`, the counties the register holds). Names of places are public knowledge, so any
 * signed-in person may read them; the register is loaded from a file, never changed here.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { orgUnitByCode, orgUnitChildren } from '../../db/orgUnits';
import type { OrgUnitsAnswer } from '../../definitions/shared/orgUnits';
import { serve } from '../http/declaredRoutes';
import { orgUnitRoutes, orgUnitsQuerySchema } from './routes';
import { parseOrThrow } from '../http/validation';

export function orgUnitsRouter({ pool }: { pool: Pool }): Router {
  const router = Router();
  serve(router, orgUnitRoutes.list, async (req, res) => {
    const { parent } = parseOrThrow(orgUnitsQuerySchema, req.query, ['query']);
    const [unit, items] = await Promise.all([
      parent === undefined ? undefined : orgUnitByCode(pool, parent),
      orgUnitChildren(pool, parent ?? null),
    ]);
    const answer: OrgUnitsAnswer = { parent: unit ?? null, items };
    res.json(answer);
  });
  return router;
}
