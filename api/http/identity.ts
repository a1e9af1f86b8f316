/**
 * Who is calling, as authentication (api/http/authentication.ts) established it: a person in one of
 * their posts, from a session cookie, an API token or an OIDC bearer token. Nothing a caller sends
 * in a header names them any more; `X-User-*` headers are ignored. What the caller may do, and
 * where, is the access policy's (definitions/access, api/http/authorize.ts).
 */
import type { Request } from 'express';
import type { Actor, CallerRole } from '../../definitions/shared/actors';
import type { LiveSession } from '../../db/staffSessions';
import { Unauthenticated } from './errors';

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
