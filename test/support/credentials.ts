/**
 * Tests act as real directory users: a person of the test fixtures becomes a staff entry holding the
 * post they act in, with an API token for that post — the same path an integration client takes.
 * No test path bypasses authentication. Tokens are cached per test process.
 */
import type { Pool } from 'pg';
import { insertApiToken } from '../../db/apiTokens';
import { ensureStaffPost } from '../../db/staffDirectory';
import { canonicalUserId } from '../../definitions/shared/actors';
import type { Actor } from '../../definitions/shared/actors';
import type { Post } from '../../identity/posts';
import { postLabel } from '../../identity/posts';
import { digestOf, newApiToken } from '../../identity/secrets';

const tokens = new Map<string, Promise<string>>();

function postOf(actor: Actor): Post {
  return {
    role: actor.role as Post['role'],
    org: actor.org,
    ...(actor.department ? { department: actor.department } : {}),
  };
}

/** A bearer token acting as `actor` (created with its directory entry on first use). */
export function tokenFor(pool: Pool, actor: Actor): Promise<string> {
  const userId = canonicalUserId(actor.userId);
  const post = postOf(actor);
  const key = `${userId}|${postLabel(post)}`;
  let token = tokens.get(key);
  if (!token) {
    token = (async () => {
      await ensureStaffPost(pool, { userId, name: actor.userId }, post);
      const { id, secret, token: value } = newApiToken();
      await insertApiToken(pool, {
        id,
        secretHash: digestOf(secret),
        userId,
        post,
        label: 'test',
        createdBy: 'test-setup',
        expiresAt: null,
      });
      return value;
    })();
    token.catch(() => tokens.delete(key));
    tokens.set(key, token);
  }
  return token;
}

/** Request headers that authenticate as `actor`. */
export async function authHeadersFor(pool: Pool, actor: Actor): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(pool, actor)}`, 'content-type': 'application/json' };
}
