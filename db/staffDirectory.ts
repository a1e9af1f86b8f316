/**
 * The staff directory: people, their posts, their password state, and the log of every change.
 * Ids arrive canonical (identity/… and the API canonicalise them before they get here).
 */
import type { Pool, PoolClient } from 'pg';
import type { Actor } from '../definitions/shared/actors';
import type { Post } from '../identity/posts';
import { postOfRow } from '../identity/posts';
import { inTransaction } from './transaction';

export interface StaffMember {
  userId: string;
  name: string;
  active: boolean;
  posts: Post[];
  hasPassword: boolean;
  mustChangePassword: boolean;
  oidcSubject: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What login needs and nothing else lists: the hash and the failure counters. */
export interface StaffCredentials {
  userId: string;
  active: boolean;
  passwordHash: string | null;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
}

interface StaffRow {
  user_id: string;
  name: string;
  active: boolean;
  password_hash: string | null;
  must_change_password: boolean;
  oidc_subject: string | null;
  locked_until: Date | null;
  failed_logins: number;
  created_at: Date;
  updated_at: Date;
  posts: { role: string; org: string; department: string }[] | null;
}

const SELECT_STAFF = `
  SELECT s.*, (SELECT json_agg(json_build_object('role', p.role, 'org', p.org, 'department', p.department)
                               ORDER BY p.role, p.org, p.department)
               FROM staff_posts p WHERE p.user_id = s.user_id) AS posts
  FROM staff s`;

function memberOf(row: StaffRow): StaffMember {
  return {
    userId: row.user_id,
    name: row.name,
    active: row.active,
    posts: (row.posts ?? []).map(postOfRow),
    hasPassword: row.password_hash !== null,
    mustChangePassword: row.must_change_password,
    oidcSubject: row.oidc_subject,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findStaff(db: Pool | PoolClient, userId: string): Promise<StaffMember | undefined> {
  const { rows } = await db.query<StaffRow>(`${SELECT_STAFF} WHERE s.user_id = $1`, [userId]);
  return rows[0] && memberOf(rows[0]);
}

/** The person an identity provider's subject names: the mapped subject first, else the same user id. */
export async function findStaffBySubject(
  pool: Pool,
  subject: string,
  userId: string
): Promise<StaffMember | undefined> {
  const { rows } = await pool.query<StaffRow>(
    `${SELECT_STAFF} WHERE s.oidc_subject = $1 OR (s.oidc_subject IS NULL AND s.user_id = $2)
     ORDER BY (s.oidc_subject = $1) DESC NULLS LAST LIMIT 1`,
    [subject, userId]
  );
  return rows[0] && memberOf(rows[0]);
}

export async function credentialsOf(pool: Pool, userId: string): Promise<StaffCredentials | undefined> {
  const { rows } = await pool.query<StaffRow>('SELECT * FROM staff WHERE user_id = $1', [userId]);
  const row = rows[0];
  return (
    row && {
      userId: row.user_id,
      active: row.active,
      passwordHash: row.password_hash,
      mustChangePassword: row.must_change_password,
      failedLogins: row.failed_logins,
      lockedUntil: row.locked_until,
    }
  );
}

/**
 * Staff who hold a post under `orgPrefix` (an admin's county), newest first by id for keyset paging.
 */
export async function listStaff(
  pool: Pool,
  q: { orgPrefix: string; after?: string; limit: number; includeInactive: boolean; search?: string }
): Promise<StaffMember[]> {
  const { rows } = await pool.query<StaffRow>(
    `${SELECT_STAFF}
     WHERE EXISTS (SELECT 1 FROM staff_posts p WHERE p.user_id = s.user_id AND p.org LIKE $1 || '%')
       AND ($2::text IS NULL OR s.user_id > $2)
       AND ($3 OR s.active)
       AND ($4::text IS NULL OR s.user_id LIKE '%' || $4 || '%' OR s.name LIKE '%' || $4 || '%')
     ORDER BY s.user_id LIMIT $5`,
    [q.orgPrefix, q.after ?? null, q.includeInactive, q.search ?? null, q.limit]
  );
  return rows.map(memberOf);
}

export interface DirectoryChange {
  userId: string;
  action:
    | 'created'
    | 'updated'
    | 'deactivated'
    | 'reactivated'
    | 'passwordReset'
    | 'passwordChanged'
    | 'sessionsRevoked'
    | 'tokenIssued'
    | 'tokenRevoked'
    | 'locked';
  detail?: Record<string, unknown>;
  by: Actor;
}

export async function recordDirectoryChange(db: Pool | PoolClient, change: DirectoryChange): Promise<void> {
  await db.query(
    `INSERT INTO staff_changes (user_id, action, detail, changed_by, changed_by_role, changed_by_org)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [change.userId, change.action, JSON.stringify(change.detail ?? {}), change.by.userId, change.by.role, change.by.org]
  );
}

export async function directoryChanges(pool: Pool, userId: string, limit = 200) {
  const { rows } = await pool.query<{
    id: string;
    action: string;
    detail: Record<string, unknown>;
    changed_by: string;
    changed_by_role: string;
    changed_by_org: string;
    at: Date;
  }>('SELECT * FROM staff_changes WHERE user_id = $1 ORDER BY id DESC LIMIT $2', [userId, limit]);
  return rows.map((r) => ({
    id: Number(r.id),
    action: r.action,
    detail: r.detail,
    by: { userId: r.changed_by, role: r.changed_by_role, org: r.changed_by_org },
    at: r.at.toISOString(),
  }));
}

export interface NewStaff {
  userId: string;
  name: string;
  posts: Post[];
  passwordHash: string | null;
  mustChangePassword: boolean;
  oidcSubject?: string | null;
}

/** Creates a person with their posts and logs it; false when the id is taken. */
export async function createStaff(pool: Pool, staff: NewStaff, by: Actor): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const inserted = await client.query(
      `INSERT INTO staff (user_id, name, password_hash, must_change_password, oidc_subject)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO NOTHING`,
      [staff.userId, staff.name, staff.passwordHash, staff.mustChangePassword, staff.oidcSubject ?? null]
    );
    if (inserted.rowCount === 0) return false;
    await replacePosts(client, staff.userId, staff.posts);
    await recordDirectoryChange(client, {
      userId: staff.userId,
      action: 'created',
      detail: { name: staff.name, posts: staff.posts, password: staff.passwordHash !== null },
      by,
    });
    return true;
  });
}

async function replacePosts(client: PoolClient, userId: string, posts: Post[]): Promise<void> {
  await client.query('DELETE FROM staff_posts WHERE user_id = $1', [userId]);
  for (const post of posts) {
    await client.query(
      `INSERT INTO staff_posts (user_id, role, org, department) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [userId, post.role, post.org, post.department ?? '']
    );
  }
}

export interface StaffUpdate {
  name?: string;
  posts?: Post[];
  active?: boolean;
  oidcSubject?: string | null;
}

/**
 * Applies an admin's change and logs it. Deactivating or changing posts ends the person's sessions
 * and revokes their tokens' use of posts they no longer hold, so a change takes effect at once.
 */
export async function updateStaff(
  pool: Pool,
  userId: string,
  update: StaffUpdate,
  by: Actor
): Promise<StaffMember | undefined> {
  return inTransaction(pool, async (client) => {
    const before = await findStaff(client, userId);
    if (!before) return undefined;
    await client.query(
      `UPDATE staff SET name = COALESCE($2, name), active = COALESCE($3, active),
         oidc_subject = CASE WHEN $4 THEN $5 ELSE oidc_subject END, updated_at = now()
       WHERE user_id = $1`,
      [userId, update.name ?? null, update.active ?? null, update.oidcSubject !== undefined, update.oidcSubject ?? null]
    );
    if (update.posts) await replacePosts(client, userId, update.posts);
    const postsChanged = update.posts !== undefined;
    if (update.active === false || postsChanged) {
      // A session acting in a post the person no longer holds ends now, not at its expiry.
      for (const table of ['staff_sessions', 'api_tokens']) {
        await client.query(
          `UPDATE ${table} c SET revoked_at = now()
           WHERE c.user_id = $1 AND c.revoked_at IS NULL
             AND ($2 OR NOT EXISTS (SELECT 1 FROM staff_posts p WHERE p.user_id = c.user_id AND p.role = c.role
                                     AND p.org = c.org AND p.department = c.department))`,
          [userId, update.active === false]
        );
      }
    }
    const action =
      update.active === false && before.active
        ? 'deactivated'
        : update.active === true && !before.active
          ? 'reactivated'
          : 'updated';
    await recordDirectoryChange(client, {
      userId,
      action,
      detail: {
        ...(update.name !== undefined ? { name: { from: before.name, to: update.name } } : {}),
        ...(update.posts ? { posts: { from: before.posts, to: update.posts } } : {}),
        ...(update.oidcSubject !== undefined ? { oidcSubject: update.oidcSubject } : {}),
        ...(update.active !== undefined ? { active: update.active } : {}),
      },
      by,
    });
    return findStaff(client, userId);
  });
}

/** Sets a password (initial, reset or changed) and clears the lockout. */
export async function setPassword(
  pool: Pool,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
  change: { action: 'passwordReset' | 'passwordChanged'; by: Actor; keepSession?: string }
): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(
      `UPDATE staff SET password_hash = $2, must_change_password = $3, password_changed_at = now(),
         failed_logins = 0, locked_until = NULL, updated_at = now() WHERE user_id = $1`,
      [userId, passwordHash, mustChange]
    );
    // A new password ends every other session: whoever knew the old one is out.
    await client.query(
      `UPDATE staff_sessions SET revoked_at = now()
       WHERE user_id = $1 AND revoked_at IS NULL AND id_hash IS DISTINCT FROM $2`,
      [userId, change.keepSession ?? null]
    );
    await recordDirectoryChange(client, { userId, action: change.action, by: change.by });
  });
}

/** Counts a failed password; locks the account for `lockFor` once `maxFailures` in a row are reached. */
export async function recordFailedLogin(
  pool: Pool,
  userId: string,
  lockFor: (failures: number) => number | undefined
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const { rows } = await pool.query<{ failed_logins: number }>(
    'UPDATE staff SET failed_logins = failed_logins + 1 WHERE user_id = $1 RETURNING failed_logins',
    [userId]
  );
  const failures = rows[0]?.failed_logins ?? 0;
  const lockMs = lockFor(failures);
  if (lockMs === undefined) return { failures, lockedUntil: null };
  const { rows: locked } = await pool.query<{ locked_until: Date }>(
    `UPDATE staff SET locked_until = now() + make_interval(secs => $2::float8 / 1000) WHERE user_id = $1
     RETURNING locked_until`,
    [userId, lockMs]
  );
  return { failures, lockedUntil: locked[0]?.locked_until ?? null };
}

export async function recordSuccessfulLogin(pool: Pool, userId: string, rehashed?: string): Promise<void> {
  await pool.query(
    `UPDATE staff SET failed_logins = 0, locked_until = NULL, password_hash = COALESCE($2, password_hash)
     WHERE user_id = $1`,
    [userId, rehashed ?? null]
  );
}

/**
 * Makes sure a person and one post exist, for tests and the demo seed: additive, so concurrent
 * callers adding different posts to one id never undo each other.
 */
export async function ensureStaffPost(
  pool: Pool,
  staff: { userId: string; name: string; passwordHash?: string | null; mustChangePassword?: boolean },
  post: Post
): Promise<void> {
  await pool.query(
    `INSERT INTO staff (user_id, name, password_hash, must_change_password) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO NOTHING`,
    [staff.userId, staff.name, staff.passwordHash ?? null, staff.mustChangePassword ?? false]
  );
  await pool.query(
    'INSERT INTO staff_posts (user_id, role, org, department) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [staff.userId, post.role, post.org, post.department ?? '']
  );
}

/** Ends every live session of a person and records who did it; returns how many were live. */
export async function revokeAllSessions(pool: Pool, userId: string, by: Actor): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      'UPDATE staff_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()',
      [userId]
    );
    const ended = rowCount ?? 0;
    await recordDirectoryChange(client, { userId, action: 'sessionsRevoked', detail: { ended }, by });
    return ended;
  });
}

export async function countStaff(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM staff');
  return Number(rows[0]?.n ?? 0);
}

/**
 * Active people holding a post of `role` at exactly `org` (a work list's colleagues), by name. Only
 * what a colleague picker shows: the id and the name, never anything else from the directory.
 */
export async function colleaguesAt(pool: Pool, post: { role: string; org: string }): Promise<Colleague[]> {
  const { rows } = await pool.query<{ user_id: string; name: string }>(
    `SELECT s.user_id, s.name FROM staff s
      WHERE s.active AND EXISTS (SELECT 1 FROM staff_posts p WHERE p.user_id = s.user_id AND p.role = $1 AND p.org = $2)
      ORDER BY s.name, s.user_id`,
    [post.role, post.org]
  );
  return rows.map((r) => ({ userId: r.user_id, name: r.name }));
}

export interface Colleague {
  userId: string;
  name: string;
}
