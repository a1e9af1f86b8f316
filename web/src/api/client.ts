/**
 * The console's one way to the API: same-origin fetch with the session cookie, the session's CSRF
 * token on every write, a signed-out session sent back to the login page, and error answers
 * (`{ error: { code, message, issues } }`) turned into an ApiError that forms show at their fields.
 */

export interface FieldIssue {
  /** Where in the request, e.g. 'body.newPassword'. */
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** The whole error object (e.g. a task conflict's `task`). */
    readonly detail: Record<string, unknown> = {}
  ) {
    super(message);
  }

  /** Antd `form.setFields` entries for the issues under `prefix` ('body' by default); the rest stay in `message`. */
  /** Field paths as form name paths: list indexes as numbers ('members.0.name' → ['members', 0, 'name']). */
  fieldErrors(prefix = 'body'): { name: (string | number)[]; errors: string[] }[] {
    const byField = new Map<string, string[]>();
    for (const issue of this.issues) {
      if (!issue.path.startsWith(`${prefix}.`)) continue;
      const field = issue.path.slice(prefix.length + 1);
      byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    }
    return [...byField].map(([field, errors]) => ({
      name: field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors,
    }));
  }
}

let csrfToken: string | undefined;
let signedOut: (() => void) | undefined;
let passwordChangeRequired: (() => void) | undefined;

/** The session's token for writes; from sign-in or GET /api/auth/session. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** What to do when the API says the session is gone (401) or an initial password must be changed first. */
export function onSessionProblems(handlers: { signedOut: () => void; passwordChangeRequired: () => void }): void {
  signedOut = handlers.signedOut;
  passwordChangeRequired = handlers.passwordChangeRequired;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (error && typeof error.message === 'string') {
    const issues = Array.isArray(error.issues) ? (error.issues as FieldIssue[]) : [];
    return new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : 'ERROR',
      error.message,
      issues,
      error
    );
  }
  return new ApiError(response.status, 'HTTP_' + response.status, `服务器返回错误（${response.status}），请稍后重试`);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await apiResponse<T>(method, path, body)).body;
}

/** As `api`, with extra request headers (an Idempotency-Key) and the answer's status (201 or a 200 replay). */
export async function apiResponse<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {}
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
}

/** A file sent as the request body, as it is (the bank's return file as `text/csv`). */
export async function apiUpload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  return (await send<T>('POST', path, file, { 'content-type': contentType })).body;
}

async function send<T>(
  method: string,
  path: string,
  body: Blob | string | undefined,
  extraHeaders: Record<string, string>
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (WRITES.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (response.status === 204) return { status: 204, body: undefined as T };
  if (!response.ok) {
    const error = await errorOf(response);
    // A failed sign-in is the login form's own business; anywhere else a 401 means the session ended.
    if (error.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/session') signedOut?.();
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') passwordChangeRequired?.();
    throw error;
  }
  return { status: response.status, body: (await response.json()) as T };
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
