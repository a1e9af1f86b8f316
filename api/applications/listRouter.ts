/**
 * The case list supervisors and approvers work from, served from the PostgreSQL read model and
 * scoped to the caller's org.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { listCases } from '../../db/caseQueries';
import { authorize, authorizeOn } from '../http/authorize';
import { ValidationFailed } from '../http/errors';
import { callerOf } from '../http/identity';
import { caseListQuerySchema, decodeCursor, encodeCursor } from '../http/schemas';
import { parseOrThrow } from '../http/validation';

export function casesRouter({ pool }: { pool: Pool }): Router {
  const router = Router();

  router.get('/cases', authorize('cases.list'), async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(caseListQuerySchema, req.query, ['query']);
    const org = query.org ?? caller.org;
    authorizeOn(caller, 'cases.list', { org });
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && after === undefined) {
      throw new ValidationFailed('分页游标无效，请从第一页重新查询', [{ path: 'query.cursor', message: '无效的游标' }]);
    }
    const rows = await listCases(pool, {
      org,
      program: query.program,
      step: query.step,
      status: query.status,
      overdue: query.overdue,
      limit: query.limit + 1,
      after,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    res.json({
      items: page,
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ submittedAt: last.submittedAt, id: last.id }) : null,
    });
  });

  return router;
}
