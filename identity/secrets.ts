/**
 * Bearer secrets (session cookies, API tokens): 256 random bits, kept only as SHA-256 digests. A
 * secret that long needs no slow hash — it cannot be guessed, only stolen — and a plain digest lets
 * every request be checked in microseconds.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function sameDigest(secret: string, digest: string): boolean {
  const a = Buffer.from(digestOf(secret));
  const b = Buffer.from(digest);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** API tokens read `ylt_<id>_<secret>`: the id finds the row, the secret proves possession. */
const API_TOKEN_PATTERN = /^ylt_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function newApiToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = newSecret();
  return { id, secret, token: `ylt_${id}_${secret}` };
}

export function parseApiToken(token: string): { id: string; secret: string } | undefined {
  const match = API_TOKEN_PATTERN.exec(token);
  return match ? { id: match[1] as string, secret: match[2] as string } : undefined;
}

export function looksLikeApiToken(token: string): boolean {
  return token.startsWith('ylt_');
}
