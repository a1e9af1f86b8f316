/**
 * The sign-in, session and staff-directory routes in the OpenAPI document, and the security
 * schemes every other route is under: a session cookie (with X-CSRF-Token on writes) or a bearer
 * token (an API token `ylt_…`, or a JWT from the configured OIDC issuer).
 */
import type { z } from 'zod';
import {
  loginSchema,
  passwordChangeSchema,
  postSwitchSchema,
  staffCreateSchema,
  staffUpdateSchema,
  tokenIssueSchema,
} from './schemas';

type JsonOf = (schema: z.ZodType, io?: 'input' | 'output') => unknown;

export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'yilian_session',
    description:
      'Set by POST /api/auth/login or the OIDC callback; HttpOnly, SameSite=Lax. Writes (POST/PUT/PATCH/DELETE) ' +
      'also send the session’s csrfToken in X-CSRF-Token.',
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token issued by an admin (ylt_…, acting in one post), or a JWT from the configured OIDC issuer ' +
      '(a person with several posts names one in X-Acting-Post).',
  },
};

/** Every route but sign-in and the public documents takes either. */
export const defaultSecurity = [{ session: [] }, { bearer: [] }];

export const actingPostHeader = {
  name: 'X-Acting-Post',
  in: 'header',
  required: false,
  description: 'Bearer JWT callers with several posts: the post to act in, role@org (e.g. township@370902001)',
  schema: { type: 'string' },
};

export function authPaths(json: JsonOf): Record<string, unknown> {
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema: json(schema, 'input') } } });
  const userIdParam = { name: 'userId', in: 'path', required: true, schema: { type: 'string' } };
  const open = { security: [] };
  return {
    '/api/auth/providers': { get: { ...open, summary: 'How one may sign in: password, and OIDC when configured' } },
    '/api/auth/login': {
      post: {
        ...open,
        summary:
          'Sign in with a password: sets the session cookie and returns the user, post(s), csrfToken and ' +
          'mustChangePassword. 401 INVALID_CREDENTIALS; 429 ACCOUNT_LOCKED / LOGIN_RATE_LIMITED with Retry-After',
        requestBody: body(loginSchema),
      },
    },
    '/api/auth/oidc/login': {
      get: { ...open, summary: 'Redirect to the OIDC provider (code + PKCE); ?returnTo=/path on this site' },
    },
    '/api/auth/oidc/callback': {
      get: { ...open, summary: 'The provider’s redirect back: starts a session and redirects to returnTo' },
    },
    '/api/auth/session': { get: { summary: 'Who is signed in, in which post, and the session’s csrfToken' } },
    '/api/auth/session/post': {
      put: { summary: 'Act in another of one’s posts', requestBody: body(postSwitchSchema) },
    },
    '/api/auth/password': {
      post: {
        summary: 'Change one’s password (required after an initial or reset one); ends one’s other sessions',
        requestBody: body(passwordChangeSchema),
      },
    },
    '/api/auth/logout': { post: { summary: 'End this session' } },
    '/api/auth/logout-all': { post: { summary: 'End every session of the signed-in person' } },
    '/api/staff': {
      get: { summary: 'Staff holding a post in the admin’s county (admin); ?search, includeInactive, after, limit' },
      post: {
        summary: 'Add a person with posts in the admin’s county; initialPassword "generate" returns one, once (admin)',
        requestBody: body(staffCreateSchema),
      },
    },
    '/api/staff/{userId}': {
      get: { summary: 'A person, their tokens and the log of changes (admin)', parameters: [userIdParam] },
      patch: {
        summary:
          'Rename, change posts, deactivate or reactivate; ends sessions and tokens that lose their post (admin)',
        parameters: [userIdParam],
        requestBody: body(staffUpdateSchema),
      },
    },
    '/api/staff/{userId}/password-reset': {
      post: {
        summary: 'A new initial password, returned once; must be changed at sign-in (admin)',
        parameters: [userIdParam],
      },
    },
    '/api/staff/{userId}/sessions/revoke': {
      post: { summary: 'End every session of the person (admin)', parameters: [userIdParam] },
    },
    '/api/staff/{userId}/tokens': {
      post: {
        summary: 'Issue an API token acting in one of the person’s posts; the token is returned once (admin)',
        parameters: [userIdParam],
        requestBody: body(tokenIssueSchema),
      },
    },
    '/api/staff/{userId}/tokens/{tokenId}': {
      delete: {
        summary: 'Revoke a token (admin)',
        parameters: [userIdParam, { name: 'tokenId', in: 'path', required: true, schema: { type: 'string' } }],
      },
    },
  };
}
