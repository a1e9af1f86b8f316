/**
 * The routes an app serves and the action each declares, read from Express's router, so that an
 * undeclared route is refused before it can serve anything: `createApp` will not build an app with
 * one (deny by default), and the access-matrix test walks the same list.
 * Express has no public API for its route table; this is the one place that reads it (`app.router`
 * and its layers, Express 5 / router 2), pinned by test/api/routeActions.test.ts.
 */
import type { Express } from 'express';
import type { ActionName } from '../../definitions/access';
import { declaredAction } from './authorize';

export interface DeclaredRoute {
  method: string;
  path: string;
  /** The action the route's first handler declares; undefined when it declares none. */
  action: ActionName | undefined;
  /** Express's route object, which a matched request carries as `req.route` (for its full path). */
  route: object;
}

interface RouteLayer {
  rawPath?: unknown;
  handle?: unknown;
  route?: { path: unknown; stack: { method?: string; handle: unknown }[] };
}

const pathOf = (raw: unknown): string => (typeof raw === 'string' ? raw : String(raw));

function collect(stack: readonly RouteLayer[], prefix: string, out: DeclaredRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = `${prefix}${pathOf(layer.route.path)}`;
      const first = layer.route.stack[0];
      const methods = [...new Set(layer.route.stack.map((l) => l.method).filter((m): m is string => !!m))];
      for (const method of methods) {
        out.push({ method: method.toUpperCase(), path, action: declaredAction(first?.handle), route: layer.route });
      }
      continue;
    }
    const nested = (layer.handle as { stack?: unknown } | undefined)?.stack;
    if (Array.isArray(nested)) {
      const mount = layer.rawPath === undefined || layer.rawPath === '/' ? '' : pathOf(layer.rawPath);
      collect(nested as RouteLayer[], `${prefix}${mount}`, out);
    }
  }
}

export function declaredRoutes(app: Express): DeclaredRoute[] {
  const out: DeclaredRoute[] = [];
  collect((app.router as unknown as { stack: RouteLayer[] }).stack, '', out);
  return out;
}

/**
 * Each route's full path pattern (`/api/applications/:id`), keyed by the route object a matched
 * request carries as `req.route`: what request logs and metrics name a request by. The request's own
 * `baseUrl` cannot tell it once an error has left the router (Express restores it on the way out).
 */
export function routePatterns(app: Express): Map<object, string> {
  return new Map(declaredRoutes(app).map((r) => [r.route, r.path]));
}

/** Throws at start-up when a route declares no action: nothing is served that the policy does not name. */
export function assertEveryRouteDeclares(app: Express): void {
  const undeclared = declaredRoutes(app).filter((r) => r.action === undefined);
  if (undeclared.length > 0) {
    throw new Error(
      `Routes without an access-policy action (add authorize('<action>') as their first handler): ${undeclared
        .map((r) => `${r.method} ${r.path}`)
        .join(', ')}`
    );
  }
}
