/**
 * The one gate every /api route (but login and the public documents) passes: it finds the caller
 * from a session cookie or a bearer token, refuses everyone else with 401, checks the CSRF token
 * on a session's writes, and holds a session whose initial password must still be changed to the
 * password-change route. The directory decides the caller's post; the policy decides the rest.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { timingSafeEqual } from 'node:crypto';
import { usableApiToken, touchApiToken } from '../../db/apiTokens';
import { findStaffBySubject } from '../../db/staffDirectory';
import type { StaffMember } from '../../db/staffDirectory';
import { liveSession } from '../../db/staffSessions';
import { canonicalUserId } from '../../definitions/shared/actors';
import type { Post } from '../../identity/posts';
import { callerOfPost, parsePostLabel, samePost } from '../../identity/posts';
import { digestOf, looksLikeApiToken, parseApiToken, sameDigest } from '../../identity/secrets';
import type { AuthSettings } from './authSettings';
import { SESSION_COOKIE } from './authSettings';
import { Forbidden, HttpError, Unauthenticated, ValidationFailed } from './errors';
import { authenticationOf, setAuthenticated } from './identity';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** 401 with the challenge a client needs to know how to authenticate. */
class LoginRequired extends Unauthenticated {
  override headers() {
    return { 'WWW-Authenticate': 'Bearer realm="yilian"' };
  }
}

class CsrfRefused extends HttpError {
  readonly status = 403;
  readonly code = 'CSRF_TOKEN_INVALID';
}

class PasswordChangeRequired extends HttpError {
  readonly status = 403;
  readonly code = 'PASSWORD_CHANGE_REQUIRED';
}

/** The value of one cookie from the Cookie header; no parser dependency for one name. */
export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.header('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Which of a person's posts a bearer caller acts in: the one named in X-Acting-Post
 * ('township@370902001'), or their only post.
 */
function actingPost(req: Request, member: StaffMember): Post {
  const named = req.header('x-acting-post');
  if (named !== undefined) {
    const post = parsePostLabel(named);
    if (!post) {
      throw new ValidationFailed('岗位格式有误', [
        { path: 'headers.x-acting-post', message: '格式为 角色@机构代码，如 township@370902001' },
      ]);
    }
    if (!member.posts.some((p) => samePost(p, post))) throw new Forbidden('您在人员目录中没有该岗位');
    return post;
  }
  if (member.posts.length === 1) return member.posts[0] as Post;
  throw new ValidationFailed('您在人员目录中有多个岗位，请用 X-Acting-Post 指明本次以哪个岗位办理', [
    { path: 'headers.x-acting-post', message: '必填：角色@机构代码' },
  ]);
}

async function fromBearer(pool: Pool, settings: AuthSettings, req: Request, token: string): Promise<void> {
  if (looksLikeApiToken(token)) {
    const parsed = parseApiToken(token);
    const found = parsed && (await usableApiToken(pool, parsed.id));
    if (!parsed || !found || !sameDigest(parsed.secret, found.secretHash)) {
      throw new LoginRequired('API 令牌无效、已吊销或已过期，请联系管理员重新签发');
    }
    void touchApiToken(pool, parsed.id).catch(() => undefined);
    setAuthenticated(req, {
      caller: callerOfPost(found.token.userId, found.token.post),
      name: found.name,
      via: 'apiToken',
      tokenId: parsed.id,
    });
    return;
  }
  if (!settings.jwt) throw new LoginRequired('登录凭证无效：本系统未配置统一身份认证令牌');
  let subject: string;
  try {
    ({ subject } = await settings.jwt(token));
  } catch {
    throw new LoginRequired('登录凭证无效或已过期，请重新登录统一身份认证平台');
  }
  const member = await findStaffBySubject(pool, subject, canonicalUserId(subject));
  if (!member || !member.active) throw new Forbidden('该账号未在本系统人员目录中登记或已停用，请联系县级系统管理员');
  setAuthenticated(req, {
    caller: callerOfPost(member.userId, actingPost(req, member)),
    name: member.name,
    via: 'jwt',
  });
}

export function authenticate(pool: Pool, settings: AuthSettings): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const authorization = req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S{1,4096})$/i.exec(authorization.trim());
      if (!match) throw new LoginRequired('Authorization 请求头格式应为 “Bearer <令牌>”');
      await fromBearer(pool, settings, req, match[1] as string);
      next();
      return;
    }
    const cookie = cookieValue(req, SESSION_COOKIE);
    if (cookie === undefined || cookie.length === 0 || cookie.length > 256) {
      throw new LoginRequired('请先登录（使用账号密码或统一身份认证），或携带 API 令牌');
    }
    const session = await liveSession(pool, digestOf(cookie), settings.sessionIdleMs);
    if (!session) throw new LoginRequired('登录已过期或已退出，请重新登录');
    setAuthenticated(req, {
      caller: callerOfPost(session.userId, session.post),
      name: session.name,
      via: 'session',
      session,
    });
    next();
  };
}

/**
 * A browser sends its cookie on any request a page makes, including one a hostile page triggers;
 * only our own pages know the session's CSRF token. Bearer callers are not browsers.
 */
export function requireCsrfToken(req: Request, _res: Response, next: NextFunction): void {
  const who = authenticationOf(req);
  if (who?.session && UNSAFE_METHODS.has(req.method)) {
    const sent = req.header('x-csrf-token');
    if (sent === undefined || !sameString(sent, who.session.csrfToken)) {
      throw new CsrfRefused('请求缺少有效的 X-CSRF-Token（登录时返回），请刷新页面后重试');
    }
  }
  next();
}

/** Until an initial or reset password is changed, a session may only change it (or log out). */
export function requirePasswordChanged(req: Request, _res: Response, next: NextFunction): void {
  const who = authenticationOf(req);
  if (who?.session?.mustChangePassword && !req.path.startsWith('/auth/')) {
    throw new PasswordChangeRequired('首次登录或密码被重置后须先修改密码（POST /api/auth/password）');
  }
  next();
}
