/**
 * A signed-in browser, as far as the API can tell: password sign-in, the forced change of an initial
 * password, and then requests carrying the session cookie and the CSRF token.
 */
import type { ApiResponse, TestApi } from './apiServer';

export interface BrowserSession {
  userId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field in tests
  call<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
}

export async function signIn(
  api: TestApi,
  userId: string,
  password: string,
  newPassword?: string
): Promise<BrowserSession> {
  const res = await api.raw('POST', '/api/auth/login', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password }),
  });
  const body = (await res.json()) as { csrfToken?: string; mustChangePassword?: boolean; error?: { message: string } };
  if (res.status !== 200 || !body.csrfToken)
    throw new Error(`sign-in of ${userId}: ${res.status} ${body.error?.message}`);
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('yilian_session=')) ?? '').split(';')[0] ?? '';
  const csrf = body.csrfToken;
  const session: BrowserSession = {
    userId,
    async call(method, path, payload) {
      const response = await api.raw(method, path, {
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
  };
  if (body.mustChangePassword) {
    const changed = await session.call('POST', '/api/auth/password', {
      currentPassword: password,
      newPassword: newPassword ?? `Changed-${password}-9`,
    });
    if (changed.status !== 200) throw new Error(`password change of ${userId}: ${JSON.stringify(changed.body)}`);
  }
  return session;
}
