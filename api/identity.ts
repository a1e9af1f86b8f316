/**
 * Who is calling, as authentication (api/authentication.ts) established it: a person in one of
 * their posts, from a session cookie, an API token or an OIDC bearer token. Nothing a caller sends
 * in a header names them any more; `X-User-*` headers are ignored.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Actor, CallerRole } from '../definitions/shared/actors';
import type { LiveSession } from '../db/staffSessions';
import { Forbidden, Unauthenticated } from './errors';

export type Caller = Actor & { role: CallerRole };

/** How the caller proved who they are. */
export interface Authenticated {
  caller: Caller;
  /** The person's name from the directory, for responses (never written to logs). */
  name: string;
  via: 'session' | 'apiToken' | 'jwt';
  /** Session callers: the session, whose CSRF token guards their writes. */
  session?: LiveSession;
  /** API-token callers: the token's id (not its secret). */
  tokenId?: string;
}

const authenticated = new WeakMap<Request, Authenticated>();

export function setAuthenticated(req: Request, who: Authenticated): void {
  authenticated.set(req, who);
}

export function authenticationOf(req: Request): Authenticated | undefined {
  return authenticated.get(req);
}

export function authenticatedCaller(req: Request): Caller | undefined {
  return authenticated.get(req)?.caller;
}

/** The caller of a request that passed authentication; a route reached without it is refused. */
export function callerOf(req: Request): Caller {
  const who = authenticated.get(req);
  if (!who) throw new Unauthenticated('请先登录：未登录或登录已过期');
  return who.caller;
}

export function requireRole(caller: Caller, roles: readonly CallerRole[], action: string): void {
  if (!roles.includes(caller.role)) {
    throw new Forbidden(`当前角色无权${action}（需要：${roles.join('、')}）`);
  }
}

/**
 * County departments act on referrals sent to them and on nothing else: their org is the whole
 * county, which every other route would read as "all the county's cases".
 */
export function confineDepartments(req: Request, _res: Response, next: NextFunction): void {
  const caller = authenticatedCaller(req);
  if (caller?.role === 'department' && !req.path.startsWith('/referrals') && !req.path.startsWith('/auth/')) {
    throw new Forbidden('职能部门只能办理转给本部门的转介事项（/api/referrals）');
  }
  next();
}

/** A caller sees the cases under their own org (a village code starts with every parent's code). */
export function requireScope(caller: Caller, villageCode: string): void {
  if (!villageCode.startsWith(caller.org)) throw new Forbidden('该案件不属于您所在机构的管辖范围');
}
