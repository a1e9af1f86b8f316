/**
 * Signing in, over the real API and database: passwords with forced change, CSRF on a session's
 * writes, lockout and per-address throttling, idle expiry, logout and revoke-all; the staff
 * directory as its admin manages it; API tokens; OIDC sign-in (code + PKCE against a provider on
 * localhost) and OIDC bearer tokens. County 379950 is this file's own.
 */
import { jwtBearerVerifier } from '../../identity/jwtBearer';
import { oidcProvider } from '../../identity/oidcProvider';
import type { TestApi } from '../support/apiServer';
import { startApi } from '../support/apiServer';
import type { Person } from '../support/factories';
import type { TestOidcProvider } from '../support/oidcTestProvider';
import { startOidcProvider } from '../support/oidcTestProvider';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';

const COUNTY = '379950';
const TOWNSHIP = `${COUNTY}001`;
const admin: Person = { userId: 'auth-admin', role: 'admin', org: COUNTY };
const GOOD_PASSWORD = 'Qingshan-River-2026';

let stack: Stack;
let api: TestApi;
let strict: TestApi;
let brief: TestApi;
let provider: TestOidcProvider;

beforeAll(async () => {
  stack = await openStack('auth');
  provider = await startOidcProvider();
  const base = { issuer: provider.issuer, subjectClaim: 'sub', allowHttp: true };
  api = await startApi(stack, {
    auth: {
      oidc: oidcProvider({
        ...base,
        clientId: provider.clientId,
        redirectUri: 'http://127.0.0.1:1/api/auth/oidc/callback',
        scope: 'openid',
        labelZh: '测试统一身份认证',
      }),
      jwt: jwtBearerVerifier({ ...base, audience: provider.clientId }),
    },
  });
  // Tight figures, so lockout, throttling and idle expiry show within a test.
  strict = await startApi(stack, {
    auth: {
      lockout: { maxFailures: 3, baseLockMs: 60_000, maxLockMs: 600_000 },
      loginAttemptsPerMinute: 8,
    },
  });
  brief = await startApi(stack, { auth: { sessionIdleMs: 1_500 } });
});

afterAll(async () => {
  await api?.close();
  await strict?.close();
  await brief?.close();
  await provider?.close();
  await stack?.close();
});

interface Signed {
  status: number;
  body: Record<string, unknown> & { csrfToken: string; error?: { code: string; message: string } };
  cookie: string;
  headers: Headers;
}

async function login(on: TestApi, userId: string, password: string, post?: string): Promise<Signed> {
  const res = await on.raw('POST', '/api/auth/login', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password, ...(post ? { post } : {}) }),
  });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('yilian_session=')) ?? '';
  return {
    status: res.status,
    body: (await res.json()) as Signed['body'],
    cookie: setCookie.split(';')[0] ?? '',
    headers: res.headers,
  };
}

/** A request from the browser of a signed-in person. */
async function asSession(
  on: TestApi,
  method: string,
  path: string,
  session: { cookie: string; csrf?: string },
  body?: unknown
) {
  const res = await on.raw(method, path, {
    headers: {
      cookie: session.cookie,
      'content-type': 'application/json',
      ...(session.csrf ? { 'x-csrf-token': session.csrf } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A person created by the county admin with an initial password of the admin's choosing. */
async function createStaff(userId: string, posts: object[], initialPassword = 'Initial-Pass-0001') {
  const res = await api.call('POST', '/api/staff', admin, { userId, name: `测试${userId}`, posts, initialPassword });
  expect(res.status).toBe(201);
  return initialPassword;
}

/** Signs in, changes the initial password, and returns the session. */
async function signedIn(on: TestApi, userId: string, initial: string) {
  const first = await login(on, userId, initial);
  expect(first.status).toBe(200);
  const changed = await asSession(
    on,
    'POST',
    '/api/auth/password',
    { cookie: first.cookie, csrf: first.body.csrfToken },
    { currentPassword: initial, newPassword: GOOD_PASSWORD }
  );
  expect(changed.status).toBe(200);
  return { cookie: first.cookie, csrf: first.body.csrfToken };
}

describe('built-in accounts', () => {
  it('signs in, holds the session to the password change, then serves it with CSRF on writes', async () => {
    const initial = await createStaff('auth-window', [{ role: 'window', org: TOWNSHIP }]);
    const first = await login(api, 'AUTH-Window', initial);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      user: { userId: 'auth-window', name: '测试auth-window' },
      post: { role: 'window', org: TOWNSHIP },
      mustChangePassword: true,
      via: 'password',
    });
    const setCookie = first.headers.getSetCookie().join('; ');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const session = { cookie: first.cookie, csrf: first.body.csrfToken };

    const held = await asSession(api, 'GET', '/api/tasks', session);
    expect(held.status).toBe(403);
    expect(held.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await asSession(api, 'POST', '/api/auth/password', session, {
      currentPassword: initial,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.newPassword',
      'body.newPassword',
    ]);
    const noCsrf = await asSession(
      api,
      'POST',
      '/api/auth/password',
      { cookie: session.cookie },
      {
        currentPassword: initial,
        newPassword: GOOD_PASSWORD,
      }
    );
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_TOKEN_INVALID');
    const changed = await asSession(api, 'POST', '/api/auth/password', session, {
      currentPassword: initial,
      newPassword: GOOD_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);

    expect((await asSession(api, 'GET', '/api/tasks', session)).status).toBe(200);
    // A write without the token is refused before it reaches the route; with it, the route answers.
    const forged = await asSession(api, 'POST', '/api/applications', { cookie: session.cookie }, {});
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await asSession(api, 'POST', '/api/applications', session, {})).status).toBe(400);

    // The old password is gone; the new one works.
    expect((await login(api, 'auth-window', initial)).status).toBe(401);
    const again = await login(api, 'auth-window', GOOD_PASSWORD);
    expect(again.status).toBe(200);
    expect(again.body.mustChangePassword).toBe(false);
  });

  it('answers an unknown user and a wrong password alike', async () => {
    await createStaff('auth-wrong', [{ role: 'county', org: COUNTY }]);
    const unknown = await login(api, 'auth-nobody', 'Whatever-123456');
    const wrong = await login(api, 'auth-wrong', 'Whatever-123456');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(wrong.body.error).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
  });

  it('locks an account after repeated failures, even against the right password, and logs it', async () => {
    const initial = await createStaff('auth-locked', [{ role: 'county', org: COUNTY }]);
    for (let i = 0; i < 3; i += 1) expect((await login(strict, 'auth-locked', 'Wrong-Password-99')).status).toBe(401);
    const locked = await login(strict, 'auth-locked', initial);
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(50);
    const detail = await api.call('GET', '/api/staff/auth-locked', admin);
    expect(detail.body.lockedUntil).not.toBeNull();
    expect(detail.body.changes.map((c: { action: string }) => c.action)).toContain('locked');
    // The admin's reset clears the lock and forces a new password.
    const reset = await api.call('POST', '/api/staff/auth-locked/password-reset', admin, {});
    expect(reset.status).toBe(200);
    const after = await login(strict, 'auth-locked', reset.body.initialPassword);
    expect(after.status).toBe(200);
    expect(after.body.mustChangePassword).toBe(true);
  });

  it('throttles login attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await login(strict, `auth-spray-${i}`, 'Spray-Password-1')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const refused = await login(strict, 'auth-spray-x', 'Spray-Password-1');
    expect(refused.body.error?.code).toBe('LOGIN_RATE_LIMITED');
  });

  it('ends a session at logout, when idle too long, and everywhere at once', async () => {
    const initial = await createStaff('auth-sessions', [{ role: 'county', org: COUNTY }]);
    const a = await signedIn(api, 'auth-sessions', initial);
    const b = { cookie: (await login(api, 'auth-sessions', GOOD_PASSWORD)).cookie };
    expect((await asSession(api, 'POST', '/api/auth/logout', a)).status).toBe(204);
    expect((await asSession(api, 'GET', '/api/auth/session', a)).status).toBe(401);
    expect((await asSession(api, 'GET', '/api/auth/session', b)).status).toBe(200);

    const c = await login(api, 'auth-sessions', GOOD_PASSWORD);
    const everywhere = await asSession(api, 'POST', '/api/auth/logout-all', {
      cookie: c.cookie,
      csrf: c.body.csrfToken,
    });
    expect(everywhere.body.ended).toBe(2);
    expect((await asSession(api, 'GET', '/api/auth/session', b)).status).toBe(401);

    const idle = await login(brief, 'auth-sessions', GOOD_PASSWORD);
    expect((await asSession(brief, 'GET', '/api/auth/session', idle)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const expired = await asSession(brief, 'GET', '/api/auth/session', idle);
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toContain('登录已过期');
  });

  it('lets a person with two posts choose and switch the one they act in', async () => {
    const initial = await createStaff('auth-two-posts', [
      { role: 'window', org: TOWNSHIP },
      { role: 'township', org: TOWNSHIP },
    ]);
    const session = await signedIn(api, 'auth-two-posts', initial);
    const switched = await asSession(api, 'PUT', '/api/auth/session/post', session, { post: `township@${TOWNSHIP}` });
    expect(switched.body.post).toEqual({ role: 'township', org: TOWNSHIP });
    const wrong = await asSession(api, 'PUT', '/api/auth/session/post', session, { post: `county@${COUNTY}` });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0].path).toBe('body.post');
  });
});

describe('the staff directory', () => {
  it('is managed by the county admin, within the county, with every change logged', async () => {
    const created = await api.call('POST', '/api/staff', admin, {
      userId: 'Auth-Fin-1',
      name: '财务甲',
      posts: [{ role: 'finance', org: COUNTY }],
      initialPassword: 'generate',
    });
    expect(created.status).toBe(201);
    expect(created.body.userId).toBe('auth-fin-1');
    expect(created.body.initialPassword).toMatch(/^.{16}$/);
    expect(
      (
        await api.call('POST', '/api/staff', admin, {
          ...created.body,
          userId: 'auth-fin-1',
          initialPassword: undefined,
          passwordLogin: undefined,
        })
      ).status
    ).toBe(400);
    const duplicate = await api.call('POST', '/api/staff', admin, {
      userId: 'AUTH-FIN-1',
      name: '财务乙',
      posts: [{ role: 'finance', org: COUNTY }],
    });
    expect(duplicate.status).toBe(409);

    const outside = await api.call('POST', '/api/staff', admin, {
      userId: 'auth-outsider',
      name: '外县',
      posts: [{ role: 'county', org: '379951' }],
    });
    expect(outside.status).toBe(403);
    const badPost = await api.call('POST', '/api/staff', admin, {
      userId: 'auth-bad-post',
      name: '错岗',
      posts: [{ role: 'window', org: COUNTY }],
    });
    expect(badPost.status).toBe(400);
    expect(badPost.body.error.issues[0].path).toBe('body.posts.0.org');

    const otherAdmin: Person = { userId: 'auth-admin-b', role: 'admin', org: '379951' };
    expect((await api.call('GET', '/api/staff/auth-fin-1', otherAdmin)).status).toBe(403);
    expect((await api.call('GET', '/api/staff', { userId: 'auth-clerk', role: 'window', org: TOWNSHIP })).status).toBe(
      403
    );

    const moved = await api.call('PATCH', '/api/staff/auth-fin-1', admin, {
      posts: [
        { role: 'finance', org: COUNTY },
        { role: 'county', org: COUNTY },
      ],
    });
    expect(moved.status).toBe(200);
    expect(moved.body.posts).toHaveLength(2);
    expect((await api.call('PATCH', '/api/staff/auth-admin', admin, { active: false })).status).toBe(403);

    const listed = await api.call('GET', '/api/staff?search=auth-fin', admin);
    expect(listed.body.items.map((s: { userId: string }) => s.userId)).toEqual(['auth-fin-1']);
    const detail = await api.call('GET', '/api/staff/auth-fin-1', admin);
    expect(detail.body.changes.map((c: { action: string; by: { userId: string } }) => [c.action, c.by.userId])).toEqual(
      [
        ['updated', 'auth-admin'],
        ['created', 'auth-admin'],
      ]
    );
  });

  it('deactivating someone ends their sessions and their tokens at once', async () => {
    const initial = await createStaff('auth-leaver', [{ role: 'county', org: COUNTY }]);
    const session = await signedIn(api, 'auth-leaver', initial);
    const issued = await api.call('POST', '/api/staff/auth-leaver/tokens', admin, {
      post: `county@${COUNTY}`,
      label: '测试对接',
    });
    expect(issued.status).toBe(201);
    const bearer = { authorization: `Bearer ${issued.body.token}` };
    expect((await api.raw('GET', '/api/cases', { headers: bearer })).status).toBe(200);

    expect((await api.call('PATCH', '/api/staff/auth-leaver', admin, { active: false })).status).toBe(200);
    expect((await asSession(api, 'GET', '/api/auth/session', session)).status).toBe(401);
    expect((await api.raw('GET', '/api/cases', { headers: bearer })).status).toBe(401);
    expect((await login(api, 'auth-leaver', GOOD_PASSWORD)).body.error?.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('API tokens', () => {
  it('act in one post, are stored hashed, shown once, and stop at revocation', async () => {
    const created = await api.call('POST', '/api/staff', admin, {
      userId: 'auth-gateway',
      name: '支付网关',
      posts: [{ role: 'finance', org: COUNTY }],
    });
    expect(created.body.passwordLogin).toBe(false);
    const wrongPost = await api.call('POST', '/api/staff/auth-gateway/tokens', admin, {
      post: `county@${COUNTY}`,
      label: '网关',
    });
    expect(wrongPost.status).toBe(400);
    const issued = await api.call('POST', '/api/staff/auth-gateway/tokens', admin, {
      post: `finance@${COUNTY}`,
      label: '网关',
      expiresInDays: 90,
    });
    expect(issued.body.token).toMatch(/^ylt_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await stack.pool.query('SELECT secret_hash FROM api_tokens WHERE id = $1', [issued.body.id]);
    expect(JSON.stringify(stored.rows)).not.toContain(issued.body.token.slice(-43));

    const bearer = { authorization: `Bearer ${issued.body.token}` };
    const session = await api.raw('GET', '/api/auth/session', { headers: bearer });
    expect(await session.json()).toMatchObject({ user: { userId: 'auth-gateway' }, via: 'apiToken' });
    // Bearer writes need no CSRF token: no browser sends them on its own.
    expect(
      (
        await api.raw('POST', '/api/payment-cycles', {
          headers: { ...bearer, 'content-type': 'application/json' },
          body: '{}',
        })
      ).status
    ).toBe(400);

    const tampered = `${issued.body.token.slice(0, -1)}${issued.body.token.endsWith('A') ? 'B' : 'A'}`;
    expect(
      (await api.raw('GET', '/api/auth/session', { headers: { authorization: `Bearer ${tampered}` } })).status
    ).toBe(401);

    const revoked = await api.call('DELETE', `/api/staff/auth-gateway/tokens/${issued.body.id}`, admin);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await api.raw('GET', '/api/auth/session', { headers: bearer })).status).toBe(401);
  });

  it('refuses forged identity headers and malformed credentials with 401', async () => {
    const forged = await api.raw('GET', '/api/cases', {
      headers: { 'x-user-id': 'county-01', 'x-user-role': 'supervisor', 'x-user-org': '37' },
    });
    expect(forged.status).toBe(401);
    for (const authorization of ['Basic abc', 'Bearer', 'Bearer ylt_short', 'Bearer not.a.jwt']) {
      expect((await api.raw('GET', '/api/cases', { headers: { authorization } })).status).toBe(401);
    }
    expect((await api.raw('GET', '/api/cases', { headers: { cookie: 'yilian_session=made-up' } })).status).toBe(401);
  });
});

describe('OpenID Connect', () => {
  it('signs a directory user in with code + PKCE and refuses a replayed callback', async () => {
    await api.call('POST', '/api/staff', admin, {
      userId: 'auth-oidc',
      name: '统一认证用户',
      posts: [{ role: 'county', org: COUNTY }],
      oidcSubject: 'sub-0042',
    });
    provider.signInAs('sub-0042');
    const start = await api.raw('GET', '/api/auth/oidc/login?returnTo=/cases', { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const fromProvider = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(fromProvider.headers.get('location') ?? '');
    const path = `/api/auth/oidc/callback${callback.search}`;

    const done = await api.raw('GET', path, { redirect: 'manual' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/cases');
    const cookie = (done.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const who = await asSession(api, 'GET', '/api/auth/session', { cookie });
    expect(who.body).toMatchObject({ user: { userId: 'auth-oidc' }, via: 'oidc', mustChangePassword: false });

    expect((await api.raw('GET', path, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses a subject the directory does not know', async () => {
    provider.signInAs('sub-unknown');
    const start = await api.raw('GET', '/api/auth/oidc/login', { redirect: 'manual' });
    const fromProvider = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const callback = new URL(fromProvider.headers.get('location') ?? '');
    const done = await api.raw('GET', `/api/auth/oidc/callback${callback.search}`, { redirect: 'manual' });
    expect(done.status).toBe(403);
  });

  it('accepts the issuer’s bearer JWTs for directory users, and nothing signed for another audience', async () => {
    const token = await provider.accessToken('sub-0042');
    const who = await api.raw('GET', '/api/auth/session', { headers: { authorization: `Bearer ${token}` } });
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ user: { userId: 'auth-oidc' }, via: 'jwt' });
    const otherAudience = await provider.accessToken('sub-0042', { audience: 'someone-else' });
    expect(
      (await api.raw('GET', '/api/auth/session', { headers: { authorization: `Bearer ${otherAudience}` } })).status
    ).toBe(401);
    const unknown = await provider.accessToken('sub-nobody');
    expect((await api.raw('GET', '/api/cases', { headers: { authorization: `Bearer ${unknown}` } })).status).toBe(403);
  });

  it('redirects back only to paths on this site', async () => {
    const res = await api.raw('GET', '/api/auth/oidc/login?returnTo=//evil.example/x', { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('puts every route under the session or bearer scheme, sign-in excepted', async () => {
    const doc = (await (await api.raw('GET', '/api/openapi.json', {})).json()) as {
      components: { securitySchemes: Record<string, { type: string }> };
      security: unknown[];
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['session', 'bearer']);
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(doc.paths['/api/auth/login']?.post?.security).toEqual([]);
    expect(doc.paths['/api/staff']?.post?.security).toBeUndefined();
    expect(JSON.stringify(doc)).not.toContain('X-User-');
  });
});

describe('response headers', () => {
  it('sets the usual security headers', async () => {
    const res = await api.raw('GET', '/api/auth/providers', {});
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.json()).toEqual({
      password: true,
      oidc: { labelZh: '测试统一身份认证', loginUrl: '/api/auth/oidc/login' },
    });
  });
});
