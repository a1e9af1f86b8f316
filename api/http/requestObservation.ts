/**
 * One observation per API request, taken when its answer has gone out: a log line (request id,
 * route pattern, status, duration, caller id and role) and the request metrics (api/http/requestMetrics.ts).
 * Never the URL's values, the query, the body or the caller's name: a path's id or a query's filter
 * can name a household, and the route pattern says what was asked without them.
 *
 * The request id is the caller's `X-Request-Id` when it looks like one (a proxy's), else a fresh one;
 * the answer carries it back, so a person reporting a problem can quote it.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../observability/logger';
import { authenticatedCaller } from './identity';
import type { RequestMetrics } from './requestMetrics';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** What a request no route matched is counted as: its path would let any caller create label values. */
export const UNMATCHED_ROUTE = 'unmatched';

export interface RequestObservation {
  (req: Request, res: Response, next: NextFunction): void;
  /** The app's route patterns (api/http/routeActions.ts `routePatterns`), known once every route is registered. */
  knowRoutes(patterns: Map<object, string>): void;
  /**
   * Registered before the app's 404: a request that reaches it was served by no route, even if one
   * matched and passed it on (the console's catch-all passes on API paths) and left `req.route` set.
   */
  unmatched: (req: Request, res: Response, next: NextFunction) => void;
}

export function observeRequests({ logger, metrics }: { logger: Logger; metrics: RequestMetrics }): RequestObservation {
  let patterns = new Map<object, string>();
  const servedByNone = new WeakSet<Request>();
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const offered = req.get('x-request-id');
    const requestId = offered !== undefined && REQUEST_ID.test(offered) ? offered : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const matched = req.route && !servedByNone.has(req) ? patterns.get(req.route as object) : undefined;
      const route = matched ?? UNMATCHED_ROUTE;
      const status = res.statusCode;
      metrics.observe({ method: req.method, route, status, seconds });
      const caller = authenticatedCaller(req);
      logger[status >= 500 ? 'error' : 'info'](
        {
          requestId,
          method: req.method,
          route,
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          callerId: caller?.userId ?? null,
          callerRole: caller?.role ?? null,
        },
        'request'
      );
    });
    next();
  };
  return Object.assign(middleware, {
    knowRoutes(known: Map<object, string>) {
      patterns = known;
    },
    unmatched: (req: Request, _res: Response, next: NextFunction) => {
      servedByNone.add(req);
      next();
    },
  });
}
