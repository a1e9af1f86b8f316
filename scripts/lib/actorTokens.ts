/**
 * Tokens for made-up people, for the test suite and the benchmarks: each actor becomes a directory
 * entry holding the post it acts in, with an API token for that post — the path an integration
 * client takes, so nothing bypasses authentication. Cached per process and per post.
 */
import type { Pool } from 'pg';
import { issueApiToken } from '../../db/apiTokens';
import { ensureStaffPost } from '../../db/staffDirectory';
import type { Actor } from '../../definitions/shared/actors';
import { canonicalUserId } from '../../definitions/shared/actors';
import type { Post } from '../../identity/posts';
import { postLabel } from '../../identity/posts';

export type TokenFor = (actor: Actor) => Promise<string>;

export function actorTokens(pool: Pool, label: string): TokenFor {
  const tokens = new Map<string, Promise<string>>();
  return (actor) => {
    const userId = canonicalUserId(actor.userId);
    const post: Post = {
      role: actor.role as Post['role'],
      org: actor.org,
      ...(actor.department ? { department: actor.department } : {}),
    };
    const key = `${userId}|${postLabel(post)}`;
    let token = tokens.get(key);
    if (!token) {
      token = (async () => {
        await ensureStaffPost(pool, { userId, name: actor.userId }, post);
        return (await issueApiToken(pool, { userId, post, label, createdBy: label, expiresAt: null })).token;
      })();
      token.catch(() => tokens.delete(key));
      tokens.set(key, token);
    }
    return token;
  };
}
