/**
 * The access log (查询留痕) for supervisors: who read which household's personal data, when, why,
 * and whether in full — the rows whose data belongs under the supervisor's own org, newest first,
 * keyset-paginated. The rows hold ids and codes only, so reading them is not itself logged.
 */
import { Router } from 'express';
import type { Pool } from 'pg';
import { listAccessLog } from '../../db/accessLog';
import { authorizeOn } from '../http/authorize';
import { serve } from '../http/declaredRoutes';
import { accessLogRoutes } from './routes';
import { callerOf } from '../http/identity';
import { accessLogPaging, accessLogQuerySchema, chinaMidnight } from './schemas';
import { parseOrThrow } from '../http/validation';

export function accessLogRouter({ pool }: { pool: Pool }): Router {
  const router = Router();

  serve(router, accessLogRoutes.read, async (req, res) => {
    const caller = callerOf(req);
    authorizeOn(caller, 'access-log.read', { org: caller.org });
    const query = parseOrThrow(accessLogQuerySchema, req.query, ['query']);
    const after = accessLogPaging.after(query.cursor);
    const rows = await listAccessLog(pool, {
      org: caller.org,
      caseId: query.caseId,
      userId: query.userId,
      kind: query.kind,
      from: query.from === undefined ? undefined : chinaMidnight(query.from),
      to: query.to === undefined ? undefined : chinaMidnight(query.to, true),
      after,
      limit: query.limit + 1,
    });
    res.json(accessLogPaging.page(rows, query.limit, ({ readAt, id }) => ({ readAt, id })));
  });

  return router;
}
