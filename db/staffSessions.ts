/**
 * Browser sessions: created at login, looked up on every request by the digest of the cookie,
 * ended by logout, expiry, idleness, a new password, or an admin's revoke-all.
 */
import type { Pool } from 'pg';
import type { Post } from '../identity/posts';
import { postOfRow } from '../identity/posts';

export interface SessionTimes {
  /** Longest a session lives, however busy. */
  maxAgeMs: number;
  /** A session unused this long is over. */
  idleMs: number;
}

export interface LiveSession {
  idHash: string;
  userId: string;
  name: string;
  post: Post;
  csrfToken: string;
  via: 'password' | 'oidc';
  mustChangePassword: boolean;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

export async function createSession(
  pool: Pool,
  s: { idHash: string; userId: string; post: Post; csrfToken: string; via: 'password' | 'oidc'; maxAgeMs: number }
): Promise<void> {
  await pool.query(
    `INSERT INTO staff_sessions (id_hash, user_id, role, org, department, csrf_token, via, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8::float8 / 1000))`,
    [s.idHash, s.userId, s.post.role, s.post.org, s.post.department ?? '', s.csrfToken, s.via, s.maxAgeMs]
  );
}

/**
 * The live session with this digest, or undefined when it is unknown, revoked, expired, idle too
 * long, or its person was deactivated. Touches last_seen_at at most once a minute, so a busy page
 * does not write on every request.
 */
export async function liveSession(pool: Pool, idHash: string, idleMs: number): Promise<LiveSession | undefined> {
  const { rows } = await pool.query<{
    id_hash: string;
    user_id: string;
    name: string;
    role: string;
    org: string;
    department: string;
    csrf_token: string;
    via: 'password' | 'oidc';
    must_change_password: boolean;
    created_at: Date;
    expires_at: Date;
    last_seen_at: Date;
  }>(
    `WITH found AS (
       SELECT s.*, st.name, st.must_change_password FROM staff_sessions s JOIN staff st USING (user_id)
       WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND st.active
         AND s.last_seen_at > now() - make_interval(secs => $2::float8 / 1000)
     ), touched AS (
       UPDATE staff_sessions t SET last_seen_at = now() FROM found
       WHERE t.id_hash = found.id_hash AND found.last_seen_at < now() - interval '1 minute'
     )
     SELECT * FROM found`,
    [idHash, idleMs]
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    name: row.name,
    post: postOfRow(row),
    csrfToken: row.csrf_token,
    via: row.via,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

export async function switchSessionPost(pool: Pool, idHash: string, post: Post): Promise<void> {
  await pool.query('UPDATE staff_sessions SET role = $2, org = $3, department = $4 WHERE id_hash = $1', [
    idHash,
    post.role,
    post.org,
    post.department ?? '',
  ]);
}

export async function endSession(pool: Pool, idHash: string): Promise<void> {
  await pool.query('UPDATE staff_sessions SET revoked_at = now() WHERE id_hash = $1 AND revoked_at IS NULL', [idHash]);
}

/** Old sessions serve no one; the table stays small. Called from time to time by the API process. */
export async function forgetOldSessions(pool: Pool, olderThanMs: number): Promise<number> {
  const { rowCount } = await pool.query(
    `DELETE FROM staff_sessions WHERE (revoked_at IS NOT NULL OR expires_at < now())
       AND created_at < now() - make_interval(secs => $1::float8 / 1000)`,
    [olderThanMs]
  );
  await pool.query("DELETE FROM oidc_logins WHERE created_at < now() - interval '1 hour'");
  return rowCount ?? 0;
}
