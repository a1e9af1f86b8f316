/**
 * The staff directory, managed by a county's administrators: people, their posts, passwords and
 * sessions, and the API tokens of integration clients. An admin manages people whose every post is
 * in their county and gives posts only in their county; a province or city post is created with
 * `npm run staff` by the operator. Every change lands in staff_changes.
 */
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { Pool } from 'pg';
import type { ApiTokenRow } from '../../db/apiTokens';
import { findApiToken, issueApiToken, revokeApiToken, tokensOf } from '../../db/apiTokens';
import {
  createStaff,
  directoryChanges,
  findStaff,
  colleaguesAt,
  listStaff,
  recordDirectoryChange,
  revokeAllSessions,
  setPassword,
  updateStaff,
} from '../../db/staffDirectory';
import type { StaffMember } from '../../db/staffDirectory';
import type { ActionName } from '../../definitions/access';
import { canonicalUserId, sameUser } from '../../definitions/shared/actors';
import { hashPassword } from '../../identity/passwordHash';
import { generateInitialPassword, passwordProblems } from '../../identity/passwordRules';
import type { Post } from '../../identity/posts';
import { parsePostLabel, samePost } from '../../identity/posts';
import type { AuthSettings } from '../http/authSettings';
import type { ColleaguesAnswer } from '../auth/schemas';
import {
  emptyBody,
  noBodySchema,
  staffCreateSchema,
  staffListQuerySchema,
  staffUpdateSchema,
  tokenIssueSchema,
  userIdSchema,
} from '../auth/schemas';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../http/errors';
import type { Caller } from '../http/identity';
import { authorize, authorizeOn } from '../http/authorize';
import { callerOf } from '../http/identity';
import { parseOrThrow } from '../http/validation';
import { pageOf } from '../http/paging';

/** Posts an admin may give: in their own county, never above it (the policy's scope of staff.manage). */
function checkPostsInCounty(caller: Caller, posts: Post[]): void {
  for (const post of posts) authorizeOn(caller, 'staff.manage', { org: post.org });
}

/**
 * The person named in the path, if the admin may act on them: someone with a post outside the
 * admin's county is not theirs to see or change (every post must be in scope of `action`).
 */
async function managedMember(pool: Pool, caller: Caller, rawUserId: string, action: ActionName): Promise<StaffMember> {
  const userId = canonicalUserId(parseOrThrow(userIdSchema, rawUserId, ['params', 'userId']));
  const member = await findStaff(pool, userId);
  if (!member) throw new NotFound('人员目录中没有该人员');
  for (const post of member.posts) authorizeOn(caller, action, { org: post.org });
  return member;
}

function checkInitialPassword(settings: AuthSettings, userId: string, password: string): void {
  const problems = passwordProblems(password, { userId }, settings.passwordPolicy);
  if (problems.length > 0) {
    throw new ValidationFailed(
      '初始密码不符合要求，请按提示修改，或填 "generate" 由系统生成',
      problems.map((message) => ({ path: 'body.initialPassword', message }))
    );
  }
}

function staffView(member: StaffMember) {
  return {
    userId: member.userId,
    name: member.name,
    active: member.active,
    posts: member.posts,
    passwordLogin: member.hasPassword,
    mustChangePassword: member.mustChangePassword,
    oidcSubject: member.oidcSubject,
    lockedUntil: member.lockedUntil && member.lockedUntil > new Date() ? member.lockedUntil.toISOString() : null,
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
  };
}

/** A person as the directory routes answer; `GET /api/staff/:userId` adds their tokens and changes. */
export type StaffView = ReturnType<typeof staffView>;
export type StaffDetail = StaffView & {
  tokens: ApiTokenRow[];
  changes: Awaited<ReturnType<typeof directoryChanges>>;
};
export interface StaffListAnswer {
  items: StaffView[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}
/** `POST /api/staff/:userId/tokens`: the token itself, shown this once. */
export type IssuedToken = ApiTokenRow & { token: string };

export function staffRouter(pool: Pool, settings: AuthSettings): Router {
  const router = Router();

  router.get('/staff', authorize('staff.list'), async (req, res) => {
    const caller = callerOf(req);
    const query = parseOrThrow(staffListQuerySchema, req.query, ['query']);
    const members = await listStaff(pool, { ...query, orgPrefix: caller.org, limit: query.limit + 1 });
    // This list's cursor is the last user id itself (the `after` parameter), not an encoded position.
    const page = pageOf(members, query.limit, (member) => member.userId);
    const answer: StaffListAnswer = { items: page.items.map(staffView), next: page.nextCursor };
    res.json(answer);
  });

  router.post('/staff', authorize('staff.manage'), async (req, res) => {
    const caller = callerOf(req);
    const body = parseOrThrow(staffCreateSchema, req.body, ['body']);
    checkPostsInCounty(caller, body.posts);
    const userId = canonicalUserId(body.userId);
    let initialPassword: string | undefined;
    if (body.initialPassword === 'generate') initialPassword = generateInitialPassword(randomBytes);
    else if (body.initialPassword !== undefined) {
      checkInitialPassword(settings, userId, body.initialPassword);
      initialPassword = body.initialPassword;
    }
    const created = await createStaff(
      pool,
      {
        userId,
        name: body.name,
        posts: body.posts,
        passwordHash: initialPassword === undefined ? null : await hashPassword(initialPassword),
        mustChangePassword: initialPassword !== undefined,
        oidcSubject: body.oidcSubject ?? null,
      },
      caller
    );
    if (!created) throw new Conflict(`用户名 ${userId} 已存在，请换一个，或修改已有人员的岗位`);
    const member = await findStaff(pool, userId);
    res
      .status(201)
      .location(`/api/staff/${encodeURIComponent(userId)}`)
      // A generated password is shown this once; only its hash is kept.
      .json({
        ...staffView(member as StaffMember),
        ...(body.initialPassword === 'generate' ? { initialPassword } : {}),
      });
  });

  // Before /staff/:userId, which would read "colleagues" as a user id. Ids and names only: what a
  // picker for 转办 needs, nothing else from the directory. The caller is left out.
  router.get('/staff/colleagues', authorize('staff.colleagues'), async (req, res) => {
    const caller = callerOf(req);
    const people = await colleaguesAt(pool, { role: caller.role, org: caller.org });
    const answer: ColleaguesAnswer = { items: people.filter((p) => !sameUser(p.userId, caller.userId)) };
    res.json(answer);
  });

  router.get('/staff/:userId', authorize('staff.list'), async (req, res) => {
    const caller = callerOf(req);
    const member = await managedMember(pool, caller, req.params.userId, 'staff.list');
    const detail: StaffDetail = {
      ...staffView(member),
      tokens: await tokensOf(pool, member.userId),
      changes: await directoryChanges(pool, member.userId),
    };
    res.json(detail);
  });

  router.patch('/staff/:userId', authorize('staff.manage'), async (req, res) => {
    const caller = callerOf(req);
    const member = await managedMember(pool, caller, req.params.userId, 'staff.manage');
    const body = parseOrThrow(staffUpdateSchema, req.body, ['body']);
    if (body.posts) checkPostsInCounty(caller, body.posts);
    if (sameUser(member.userId, caller.userId) && (body.posts !== undefined || body.active !== undefined)) {
      // Nobody grants themselves a post or locks every admin out by accident: another admin does it.
      throw new Forbidden('不能修改自己的岗位或启用状态，请由本县另一位系统管理员办理');
    }
    const updated = await updateStaff(pool, member.userId, body, caller);
    res.json(staffView(updated as StaffMember));
  });

  router.post('/staff/:userId/password-reset', authorize('staff.manage'), async (req, res) => {
    const caller = callerOf(req);
    const member = await managedMember(pool, caller, req.params.userId, 'staff.manage');
    parseOrThrow(noBodySchema, emptyBody(req.body), ['body']);
    if (sameUser(member.userId, caller.userId)) throw new Forbidden('请通过“修改密码”修改自己的密码');
    const initialPassword = generateInitialPassword(randomBytes);
    await setPassword(pool, member.userId, await hashPassword(initialPassword), true, {
      action: 'passwordReset',
      by: caller,
    });
    res.json({ userId: member.userId, initialPassword, mustChangePassword: true });
  });

  router.post('/staff/:userId/sessions/revoke', authorize('staff.manage'), async (req, res) => {
    const caller = callerOf(req);
    const member = await managedMember(pool, caller, req.params.userId, 'staff.manage');
    parseOrThrow(noBodySchema, emptyBody(req.body), ['body']);
    const ended = await revokeAllSessions(pool, member.userId, caller);
    res.json({ userId: member.userId, ended });
  });

  router.post('/staff/:userId/tokens', authorize('tokens.manage'), async (req, res) => {
    const caller = callerOf(req);
    const member = await managedMember(pool, caller, req.params.userId, 'tokens.manage');
    const body = parseOrThrow(tokenIssueSchema, req.body, ['body']);
    const post = parsePostLabel(body.post);
    if (!post || !member.posts.some((p) => samePost(p, post))) {
      throw new ValidationFailed('令牌只能用于该人员已有的岗位', [
        { path: 'body.post', message: '格式为 角色@机构代码，且须是该人员的岗位之一' },
      ]);
    }
    const issued = await issueApiToken(pool, {
      userId: member.userId,
      post,
      label: body.label,
      createdBy: caller.userId,
      expiresAt: body.expiresInDays === undefined ? null : new Date(Date.now() + body.expiresInDays * 86_400_000),
    });
    await recordDirectoryChange(pool, {
      userId: member.userId,
      action: 'tokenIssued',
      detail: { tokenId: issued.id, post, label: body.label, expiresAt: issued.expiresAt },
      by: caller,
    });
    // The token is shown this once; only its digest is kept.
    res.status(201).json(issued);
  });

  router.delete('/staff/:userId/tokens/:tokenId', authorize('tokens.manage'), async (req, res) => {
    const caller = callerOf(req);
    const member = await managedMember(pool, caller, req.params.userId, 'tokens.manage');
    parseOrThrow(noBodySchema, emptyBody(req.body), ['body']);
    const token = await findApiToken(pool, String(req.params.tokenId).slice(0, 32));
    if (!token || token.userId !== member.userId) throw new NotFound('该人员没有这个令牌');
    if (await revokeApiToken(pool, token.id)) {
      await recordDirectoryChange(pool, {
        userId: member.userId,
        action: 'tokenRevoked',
        detail: { tokenId: token.id },
        by: caller,
      });
    }
    res.json(await findApiToken(pool, token.id));
  });

  return router;
}
