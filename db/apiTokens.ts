/**
 * API tokens for integration clients: issued by an admin to a directory entry, acting in one of its
 * posts, kept as a digest, revocable, optionally expiring.
 */
import type { Pool } from 'pg';
import type { Post } from '../identity/posts';
import { postOfRow } from '../identity/posts';
import { digestOf, newApiToken } from '../identity/secrets';

export interface ApiTokenRow {
  id: string;
  userId: string;
  post: Post;
  label: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

interface Row {
  id: string;
  secret_hash: string;
  user_id: string;
  role: string;
  org: string;
  department: string;
  label: string;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

function tokenOf(row: Row): ApiTokenRow {
  return {
    id: row.id,
    userId: row.user_id,
    post: postOfRow(row),
    label: row.label,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

export async function insertApiToken(
  pool: Pool,
  t: {
    id: string;
    secretHash: string;
    userId: string;
    post: Post;
    label: string;
    createdBy: string;
    expiresAt: Date | null;
  }
): Promise<ApiTokenRow> {
  const { rows } = await pool.query<Row>(
    `INSERT INTO api_tokens (id, secret_hash, user_id, role, org, department, label, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [t.id, t.secretHash, t.userId, t.post.role, t.post.org, t.post.department ?? '', t.label, t.createdBy, t.expiresAt]
  );
  return tokenOf(rows[0] as Row);
}

/**
 * The token with this id if it may be used now: not revoked, not expired, its person active and
 * still holding the post. The secret's digest is returned for the caller to compare in constant time.
 */
export async function usableApiToken(
  pool: Pool,
  id: string
): Promise<{ token: ApiTokenRow; secretHash: string; name: string } | undefined> {
  const { rows } = await pool.query<Row & { name: string }>(
    `SELECT t.*, st.name FROM api_tokens t JOIN staff st USING (user_id)
     WHERE t.id = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND st.active
       AND EXISTS (SELECT 1 FROM staff_posts p WHERE p.user_id = t.user_id AND p.role = t.role AND p.org = t.org
                     AND p.department = t.department)`,
    [id]
  );
  const row = rows[0];
  return row && { token: tokenOf(row), secretHash: row.secret_hash, name: row.name };
}

/** Marks a token used, at most once a minute (the list shows when a client last called). */
export async function touchApiToken(pool: Pool, id: string): Promise<void> {
  await pool.query(
    `UPDATE api_tokens SET last_used_at = now()
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [id]
  );
}

export async function tokensOf(pool: Pool, userId: string): Promise<ApiTokenRow[]> {
  const { rows } = await pool.query<Row>('SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id', [
    userId,
  ]);
  return rows.map(tokenOf);
}

export async function findApiToken(pool: Pool, id: string): Promise<ApiTokenRow | undefined> {
  const { rows } = await pool.query<Row>('SELECT * FROM api_tokens WHERE id = $1', [id]);
  return rows[0] && tokenOf(rows[0]);
}

export async function revokeApiToken(pool: Pool, id: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
    [id]
  );
  return (rowCount ?? 0) > 0;
}

/** Makes a new token for a post and stores its digest; the token itself is returned this once. */
export async function issueApiToken(
  pool: Pool,
  t: { userId: string; post: Post; label: string; createdBy: string; expiresAt: Date | null }
): Promise<ApiTokenRow & { token: string }> {
  const { id, secret, token } = newApiToken();
  const row = await insertApiToken(pool, { ...t, id, secretHash: digestOf(secret) });
  return { ...row, token };
}
