/**
 * The access policy (definitions/access) at the HTTP edge. Every route declares its action first:
 *
 *   router.get('/cases', authorize('cases.list'), handler)
 *
 * `authorize` identifies the caller (401 when nobody is logged in) and refuses a role the action
 * does not list (403); a route whose target must be loaded first (a case, a cycle, a task) then
 * calls `authorizeOn(caller, action, target)` before it reads or changes anything. Refusals are
 * `AccessRefused`: 403 with the rule's code and its name in Chinese. No route checks roles itself.
 */
import type { NextFunction, Request } from 'express';
import type { ActionName, Decision, Target } from '../../definitions/access';
import { actionRule, decide, decideRole } from '../../definitions/access';
import { AccessRefused } from './errors';
import type { Caller } from './identity';
import { callerOf } from './identity';

/**
 * Any route's request, typed by nothing that mentions route parameters: Express then infers the
 * next handlers' `req.params` from the route's path, as it does for a route without this handler.
 */
type RouteRequest = Pick<Request, 'headers'>;

/** A route's first handler, carrying the action it declares (read by routeActions.ts). */
export type AuthorizeHandler = ((req: RouteRequest, res: unknown, next: NextFunction) => void) & {
  readonly action: ActionName;
};

export function authorize(action: ActionName): AuthorizeHandler {
  const rule = actionRule(action);
  const handler = (req: RouteRequest, _res: unknown, next: NextFunction): void => {
    // Identity reads the request, never its path parameters.
    if (!rule.public) refuseUnless(decideRole(action, callerOf(req as Request)));
    next();
  };
  return Object.assign(handler, { action });
}

/** The action a handler declares, if it is one `authorize` made. */
export function declaredAction(handler: unknown): ActionName | undefined {
  return typeof handler === 'function' && typeof (handler as Partial<AuthorizeHandler>).action === 'string'
    ? (handler as AuthorizeHandler).action
    : undefined;
}

/** The full check once the target is known: role, and the target within the role's scope. */
export function authorizeOn(caller: Caller, action: ActionName, target: Target): void {
  refuseUnless(decide(action, caller, target));
}

export function refuseUnless(decision: Decision): void {
  if (!decision.allowed) throw new AccessRefused(decision.refusal);
}
