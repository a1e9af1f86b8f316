/**
 * Signing in and out: built-in accounts (password, lockout, forced change of an initial password)
 * and OIDC, both ending in the same place — a session in the staff_sessions table and an HttpOnly
 * cookie. `publicAuthRouter` runs before authentication (login itself), `authRouter` after it.
 */
import type { Request, Response } from 'express';
import { Router } from 'express';
import type { Pool } from 'pg';
import { savePendingLogin, takePendingLogin } from '../../db/oidcLogins';
import {
  credentialsOf,
  findStaff,
  findStaffBySubject,
  recordDirectoryChange,
  recordFailedLogin,
  recordSuccessfulLogin,
  revokeAllSessions,
  setPassword,
} from '../../db/staffDirectory';
import type { StaffMember } from '../../db/staffDirectory';
import { createSession, endSession, switchSessionPost } from '../../db/staffSessions';
import { canonicalUserId, systemActor } from '../../definitions/shared/actors';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../../identity/passwordHash';
import { passwordProblems } from '../../identity/passwordRules';
import type { Post } from '../../identity/posts';
import { parsePostLabel, postLabel, samePost } from '../../identity/posts';
import { digestOf, newSecret } from '../../identity/secrets';
import type { AuthSettings } from '../http/authSettings';
import { lockDuration, SESSION_COOKIE } from '../http/authSettings';
import {
  emptyBody,
  loginSchema,
  noBodySchema,
  oidcCallbackQuerySchema,
  oidcLoginQuerySchema,
  passwordChangeSchema,
  postSwitchSchema,
} from './schemas';
import type { AuthProviders, SessionView } from './schemas';
import { Forbidden, HttpError, NotFound, Unauthenticated, ValidationFailed } from '../http/errors';
import { authorize } from '../http/authorize';
import { authenticationOf, callerOf } from '../http/identity';
import { Budget } from '../http/rateLimit';
import { parseOrThrow } from '../http/validation';

class InvalidCredentials extends HttpError {
  readonly status = 401;
  readonly code = 'INVALID_CREDENTIALS';
}

/** A locked account, or an address trying too often: 429 with when to try again. */
class LoginLater extends HttpError {
  readonly status = 429;
  constructor(
    readonly code: 'ACCOUNT_LOCKED' | 'LOGIN_RATE_LIMITED',
    message: string,
    private readonly retryAfterSeconds: number
  ) {
    super(message);
  }
  override headers() {
    return { 'Retry-After': String(this.retryAfterSeconds) };
  }
}

class AccountDisabled extends HttpError {
  readonly status = 403;
  readonly code = 'ACCOUNT_DISABLED';
}

const WRONG_PASSWORD = '用户名或密码错误';

function choosePost(member: StaffMember, label: string | undefined, path: string): Post {
  if (member.posts.length === 0) throw new AccountDisabled('该账号尚未分配岗位，请联系县级系统管理员');
  if (label === undefined) return member.posts[0] as Post;
  const post = parsePostLabel(label);
  if (!post || !member.posts.some((p) => samePost(p, post))) {
    throw new ValidationFailed('所选岗位不存在', [
      { path, message: `可选：${member.posts.map(postLabel).join('、')}` },
    ]);
  }
  return post;
}

function sessionView(
  member: StaffMember,
  session: { post: Post; csrfToken: string; mustChangePassword: boolean; expiresAt: Date; via: string }
): SessionView {
  return {
    user: { userId: member.userId, name: member.name },
    post: session.post,
    posts: member.posts,
    via: session.via,
    csrfToken: session.csrfToken,
    mustChangePassword: session.mustChangePassword,
    expiresAt: session.expiresAt.toISOString(),
  };
}

async function startSession(
  pool: Pool,
  settings: AuthSettings,
  res: Response,
  member: StaffMember,
  post: Post,
  via: 'password' | 'oidc'
) {
  // A fresh secret at every sign-in: a session id planted before login (fixation) is worthless.
  const secret = newSecret();
  const csrfToken = newSecret();
  await createSession(pool, {
    idHash: digestOf(secret),
    userId: member.userId,
    post,
    csrfToken,
    via,
    maxAgeMs: settings.sessionMaxAgeMs,
  });
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    // Lax, not Strict: the redirect back from an OIDC provider must carry it; CSRF tokens guard writes.
    sameSite: 'lax',
    secure: settings.secureCookies,
    path: '/',
    maxAge: settings.sessionMaxAgeMs,
  });
  return {
    csrfToken,
    expiresAt: new Date(Date.now() + settings.sessionMaxAgeMs),
  };
}

function clearSessionCookie(res: Response, settings: AuthSettings): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: settings.secureCookies, path: '/' });
}

/** Checks a password against the directory, counting failures and locking as the policy says. */
async function checkPassword(pool: Pool, settings: AuthSettings, userId: string, password: string): Promise<void> {
  const credentials = await credentialsOf(pool, userId);
  if (!credentials?.passwordHash) {
    // Same work as a real check, so timing does not tell which ids exist.
    await verifyPassword(password, await decoyHash());
    throw new InvalidCredentials(WRONG_PASSWORD);
  }
  const lockedFor = credentials.lockedUntil ? credentials.lockedUntil.getTime() - Date.now() : 0;
  if (lockedFor > 0) {
    const seconds = Math.ceil(lockedFor / 1000);
    throw new LoginLater(
      'ACCOUNT_LOCKED',
      `密码连续错误次数过多，账号已暂时锁定，请 ${Math.ceil(seconds / 60)} 分钟后再试`,
      seconds
    );
  }
  if (!(await verifyPassword(password, credentials.passwordHash))) {
    const { lockedUntil } = await recordFailedLogin(pool, userId, (failures) =>
      lockDuration(failures, settings.lockout)
    );
    if (lockedUntil) {
      await recordDirectoryChange(pool, { userId, action: 'locked', detail: { until: lockedUntil }, by: systemActor });
    }
    throw new InvalidCredentials(WRONG_PASSWORD);
  }
  if (!credentials.active) throw new AccountDisabled('该账号已停用，请联系县级系统管理员');
  await recordSuccessfulLogin(
    pool,
    userId,
    needsRehash(credentials.passwordHash) ? await hashPassword(password) : undefined
  );
}

export function publicAuthRouter(pool: Pool, settings: AuthSettings): Router {
  const router = Router();
  const attempts = new Budget(settings.loginAttemptsPerMinute);

  function throttle(req: Request): void {
    const wait = attempts.take(`ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, Date.now());
    if (wait !== undefined) throw new LoginLater('LOGIN_RATE_LIMITED', `登录尝试过于频繁，请 ${wait} 秒后再试`, wait);
  }

  router.get('/auth/providers', authorize('auth.login'), (_req, res) => {
    const providers: AuthProviders = {
      password: true,
      oidc: settings.oidc ? { labelZh: settings.oidc.labelZh, loginUrl: '/api/auth/oidc/login' } : null,
    };
    res.json(providers);
  });

  router.post('/auth/login', authorize('auth.login'), async (req, res) => {
    throttle(req);
    const body = parseOrThrow(loginSchema, req.body, ['body']);
    const userId = canonicalUserId(body.userId);
    await checkPassword(pool, settings, userId, body.password);
    const member = await findStaff(pool, userId);
    if (!member) throw new InvalidCredentials(WRONG_PASSWORD);
    const post = choosePost(member, body.post, 'body.post');
    const credentials = await credentialsOf(pool, userId);
    const started = await startSession(pool, settings, res, member, post, 'password');
    res.json(
      sessionView(member, {
        post,
        ...started,
        via: 'password',
        mustChangePassword: credentials?.mustChangePassword ?? false,
      })
    );
  });

  router.get('/auth/oidc/login', authorize('auth.login'), async (req, res) => {
    if (!settings.oidc) throw new NotFound('本系统未配置统一身份认证（OIDC），请使用账号密码登录');
    throttle(req);
    const { returnTo } = parseOrThrow(oidcLoginQuerySchema, req.query, ['query']);
    const { redirectTo, pending } = await settings.oidc.beginLogin();
    await savePendingLogin(pool, pending, returnTo);
    res.redirect(302, redirectTo.href);
  });

  router.get('/auth/oidc/callback', authorize('auth.login'), async (req, res) => {
    if (!settings.oidc) throw new NotFound('本系统未配置统一身份认证（OIDC）');
    throttle(req);
    const query = parseOrThrow(oidcCallbackQuerySchema, req.query, ['query']);
    const taken = await takePendingLogin(pool, query.state);
    if (!taken) throw new Unauthenticated('登录请求已失效或已使用，请重新登录');
    if (query.error !== undefined) throw new Unauthenticated(`统一身份认证未通过（${query.error}），请重新登录`);
    let subject: string;
    try {
      ({ subject } = await settings.oidc.completeLogin(
        new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string')),
        taken.pending
      ));
    } catch {
      throw new Unauthenticated('统一身份认证的应答无法验证，请重新登录');
    }
    const member = await findStaffBySubject(pool, subject, canonicalUserId(subject));
    if (!member || !member.active) {
      throw new Forbidden('该账号未在本系统人员目录中登记或已停用，请联系县级系统管理员');
    }
    await startSession(pool, settings, res, member, choosePost(member, undefined, 'query'), 'oidc');
    res.redirect(302, taken.returnTo);
  });

  return router;
}

export function authRouter(pool: Pool, settings: AuthSettings): Router {
  const router = Router();

  router.get('/auth/session', authorize('auth.session'), async (req, res) => {
    const who = authenticationOf(req);
    const caller = callerOf(req);
    const member = await findStaff(pool, caller.userId);
    if (!who || !member) throw new Unauthenticated('请先登录');
    if (!who.session) {
      const view: SessionView = {
        user: { userId: member.userId, name: member.name },
        post: caller,
        posts: member.posts,
        via: who.via,
      };
      res.json(view);
      return;
    }
    res.json(sessionView(member, { ...who.session, via: who.session.via }));
  });

  router.post('/auth/logout', authorize('auth.session'), async (req, res) => {
    parseOrThrow(noBodySchema, emptyBody(req.body), ['body']);
    const session = authenticationOf(req)?.session;
    if (session) await endSession(pool, session.idHash);
    clearSessionCookie(res, settings);
    res.status(204).end();
  });

  /** "Sign out everywhere": a lost phone or a shared computer. */
  router.post('/auth/logout-all', authorize('auth.session'), async (req, res) => {
    const caller = callerOf(req);
    parseOrThrow(noBodySchema, emptyBody(req.body), ['body']);
    const ended = await revokeAllSessions(pool, caller.userId, caller);
    clearSessionCookie(res, settings);
    res.json({ ended });
  });

  router.post('/auth/password', authorize('auth.session'), async (req, res) => {
    const who = authenticationOf(req);
    const caller = callerOf(req);
    const body = parseOrThrow(passwordChangeSchema, req.body, ['body']);
    if (!who?.session || who.session.via !== 'password') {
      throw new Forbidden('只有账号密码登录的会话可以修改密码；统一身份认证的密码请在认证平台修改');
    }
    await checkPassword(pool, settings, caller.userId, body.currentPassword);
    const problems = passwordProblems(
      body.newPassword,
      { userId: caller.userId, previous: body.currentPassword },
      settings.passwordPolicy
    );
    if (problems.length > 0) {
      throw new ValidationFailed(
        '新密码不符合要求，请按提示修改',
        problems.map((message) => ({ path: 'body.newPassword', message }))
      );
    }
    await setPassword(pool, caller.userId, await hashPassword(body.newPassword), false, {
      action: 'passwordChanged',
      by: caller,
      keepSession: who.session.idHash,
    });
    const member = await findStaff(pool, caller.userId);
    if (!member) throw new Unauthenticated('请先登录');
    res.json(sessionView(member, { ...who.session, mustChangePassword: false }));
  });

  router.put('/auth/session/post', authorize('auth.session'), async (req, res) => {
    const who = authenticationOf(req);
    const caller = callerOf(req);
    const body = parseOrThrow(postSwitchSchema, req.body, ['body']);
    if (!who?.session) throw new Forbidden('API 令牌固定于一个岗位，不能切换');
    const member = await findStaff(pool, caller.userId);
    if (!member) throw new Unauthenticated('请先登录');
    const post = choosePost(member, body.post, 'body.post');
    await switchSessionPost(pool, who.session.idHash, post);
    res.json(sessionView(member, { ...who.session, post }));
  });

  return router;
}
