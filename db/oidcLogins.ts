/** OIDC sign-ins between the redirect and the callback; each is used once (taken on callback). */
import type { Pool } from 'pg';
import type { PendingLogin } from '../identity/identityProvider';

/** How long a person has to finish signing in at the provider. */
const PENDING_FOR = '10 minutes';

export async function savePendingLogin(pool: Pool, pending: PendingLogin, returnTo: string): Promise<void> {
  await pool.query('INSERT INTO oidc_logins (state, code_verifier, nonce, return_to) VALUES ($1, $2, $3, $4)', [
    pending.state,
    pending.codeVerifier,
    pending.nonce,
    returnTo,
  ]);
}

export async function takePendingLogin(
  pool: Pool,
  state: string
): Promise<{ pending: PendingLogin; returnTo: string } | undefined> {
  const { rows } = await pool.query<{ state: string; code_verifier: string; nonce: string; return_to: string }>(
    `DELETE FROM oidc_logins WHERE state = $1 AND created_at > now() - interval '${PENDING_FOR}' RETURNING *`,
    [state]
  );
  const row = rows[0];
  return (
    row && { pending: { state: row.state, codeVerifier: row.code_verifier, nonce: row.nonce }, returnTo: row.return_to }
  );
}
