/** Request bodies of sign-in, password change and the staff directory; the OpenAPI document reads these. */
import type { Colleague } from '../../db/staffDirectory';
import { z } from 'zod';
import { singleLine } from '../../definitions/shared/text';
import type { Post } from '../../identity/posts';
import { postSchema } from '../../identity/posts';
import { pageLimitSchema } from '../http/paging';

export const userIdSchema = singleLine().min(1, '请填写用户名').max(64, '用户名不能超过64个字符');
/** Any characters a keyboard types; the rules (identity/passwordRules.ts) judge a new one. */
const passwordSchema = z.string({ error: '请填写密码' }).min(1, '请填写密码').max(256, '密码过长');
const postLabelSchema = singleLine().max(40);

/** Commands that take no input: nothing, or `{}`; anything else is a mistake worth a 400. */
export const noBodySchema = z.strictObject({}, { error: '此操作不需要请求体（可省略或发送 {}）' });

/** Parses a body that must be absent or empty. */
export const emptyBody = (body: unknown): unknown => body ?? {};

export const loginSchema = z.strictObject({
  userId: userIdSchema,
  password: passwordSchema,
  /** Which post to act in, e.g. 'township@370902001'; default: the person's first. */
  post: postLabelSchema.optional(),
});

export const passwordChangeSchema = z.strictObject({
  currentPassword: passwordSchema,
  newPassword: passwordSchema,
});

export const postSwitchSchema = z.strictObject({ post: postLabelSchema });

export const oidcLoginQuerySchema = z.object({
  // A path on this site only: an absolute or protocol-relative URL would make login an open redirect.
  returnTo: z
    .string()
    .max(512)
    .regex(/^\/(?![/\\])[^\s]*$/, '只能是本站内的路径，如 /cases')
    .default('/'),
});

export const oidcCallbackQuerySchema = z.object({
  state: singleLine().min(1).max(256),
  code: singleLine().min(1).max(4096).optional(),
  error: singleLine().max(256).optional(),
});

const staffNameSchema = singleLine().min(1, '请填写姓名').max(50);

export const staffCreateSchema = z.strictObject({
  userId: userIdSchema,
  name: staffNameSchema,
  posts: z.array(postSchema).min(1, '至少分配一个岗位').max(10),
  /** Absent: signs in through OIDC only, or is an integration client that uses API tokens. */
  initialPassword: z.union([z.literal('generate'), passwordSchema]).optional(),
  oidcSubject: singleLine().min(1).max(256).optional(),
});

export const staffUpdateSchema = z
  .strictObject({
    name: staffNameSchema.optional(),
    posts: z.array(postSchema).min(1, '至少分配一个岗位').max(10).optional(),
    active: z.boolean().optional(),
    oidcSubject: singleLine().min(1).max(256).nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, '请至少修改一项（name、posts、active、oidcSubject）');

export const staffListQuerySchema = z.object({
  search: singleLine().max(50).optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  after: userIdSchema.optional(),
  limit: pageLimitSchema,
});

export const tokenIssueSchema = z.strictObject({
  /** The post the token acts in, one of the person's: 'finance@370902'. */
  post: postLabelSchema,
  label: singleLine().min(1, '请填写令牌用途').max(80),
  /** Absent: does not expire (revoke it when the client is retired). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export type LoginBody = z.input<typeof loginSchema>;
export type PasswordChangeBody = z.input<typeof passwordChangeSchema>;
export type PostSwitchBody = z.input<typeof postSwitchSchema>;
export type StaffCreateBody = z.input<typeof staffCreateSchema>;
export type StaffUpdateBody = z.input<typeof staffUpdateSchema>;
export type StaffListQuery = z.input<typeof staffListQuerySchema>;
export type TokenIssueBody = z.input<typeof tokenIssueSchema>;

/** What sign-in, `GET /api/auth/session`, a password change and a post switch answer (the console reads it). */
export interface SessionView {
  user: { userId: string; name: string };
  /** The post the session acts in. */
  post: Post;
  /** Every post the person holds; a session may switch to any of them. */
  posts: Post[];
  via: string;
  /** Send in X-CSRF-Token on every write from this session. Absent for a bearer token. */
  csrfToken?: string;
  mustChangePassword?: boolean;
  expiresAt?: string;
}

/** `GET /api/auth/providers`: which sign-in the console offers. */
export interface AuthProviders {
  password: true;
  oidc: { labelZh: string; loginUrl: string } | null;
}

/** People of the caller's own post (role at their org), active, by name: the 转办 picker's choices. */
export interface ColleaguesAnswer {
  items: Colleague[];
}
