/**
 * The case list supervisors and approvers work from, served from the PostgreSQL read model and
 * scoped to the caller's org.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { listCases } from '../../db/caseQueries';
import { authorize, authorizeOn } from '../http/authorize';
import { callerOf } from '../http/identity';
import { caseListQuerySchema, casePaging } from './schemas';
import { parseOrThrow } from '../http/validation';

export function casesRouter({ pool }: { pool: Pool }): Router {
  const router = Router();

  router.get('/cases', authorize('cases.list'), async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(caseListQuerySchema, req.query, ['query']);
    const org = query.org ?? caller.org;
    authorizeOn(caller, 'cases.list', { org });
    const after = casePaging.after(query.cursor);
    const rows = await listCases(pool, {
      org,
      program: query.program,
      step: query.step,
      status: query.status,
      overdue: query.overdue,
      limit: query.limit + 1,
      after,
    });
    res.json(casePaging.page(rows, query.limit, ({ submittedAt, id }) => ({ submittedAt, id })));
  });

  return router;
}
