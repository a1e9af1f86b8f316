/**
 * Tests act as real directory users: each test person gets a directory entry holding the post they
 * act in and an API token for it (scripts/lib/actorTokens.ts). No test path bypasses authentication.
 */
import type { Pool } from 'pg';
import type { Actor } from '../../definitions/shared/actors';
import type { TokenFor } from '../../scripts/lib/actorTokens';
import { actorTokens } from '../../scripts/lib/actorTokens';

const byPool = new WeakMap<Pool, TokenFor>();

/** A bearer token acting as `actor` (created with its directory entry on first use). */
export function tokenFor(pool: Pool, actor: Actor): Promise<string> {
  let tokens = byPool.get(pool);
  if (!tokens) {
    tokens = actorTokens(pool, 'test-setup');
    byPool.set(pool, tokens);
  }
  return tokens(actor);
}

/** Request headers that authenticate as `actor`. */
export async function authHeadersFor(pool: Pool, actor: Actor): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(pool, actor)}`, 'content-type': 'application/json' };
}
