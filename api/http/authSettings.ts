/**
 * How people and machines sign in, as one value the app is built with: session lifetimes, cookie
 * flags, password and lockout figures, and the optional OIDC provider and bearer verifier. The
 * entry points build it from the environment (config/env.ts → authSettingsFromEnv); tests pass
 * their own.
 */
import type { IdentityProvider } from '../../identity/identityProvider';
import type { JwtVerifier } from '../../identity/jwtBearer';
import type { PasswordPolicy } from '../../identity/passwordRules';
import { DEFAULT_PASSWORD_POLICY } from '../../identity/passwordRules';

export interface LockoutPolicy {
  /** Failed passwords in a row before the account is locked. */
  maxFailures: number;
  /** First lock; each further failure doubles it, up to `maxLockMs`. */
  baseLockMs: number;
  maxLockMs: number;
}

export interface AuthSettings {
  sessionMaxAgeMs: number;
  sessionIdleMs: number;
  /** Send the cookie over HTTPS only: on wherever the API is served over HTTPS (PUBLIC_URL https://…). */
  secureCookies: boolean;
  passwordPolicy: PasswordPolicy;
  lockout: LockoutPolicy;
  /** Login attempts per client address per minute (any account), before 429. */
  loginAttemptsPerMinute: number;
  oidc?: IdentityProvider;
  jwt?: JwtVerifier;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionMaxAgeMs: 12 * 60 * 60 * 1000,
  sessionIdleMs: 30 * 60 * 1000,
  secureCookies: false,
  passwordPolicy: DEFAULT_PASSWORD_POLICY,
  lockout: { maxFailures: 5, baseLockMs: 60_000, maxLockMs: 60 * 60 * 1000 },
  loginAttemptsPerMinute: 30,
};

/** How long the account locks after `failures` failed passwords in a row; undefined: not yet. */
export function lockDuration(failures: number, policy: LockoutPolicy): number | undefined {
  if (failures < policy.maxFailures) return undefined;
  const doublings = Math.min(failures - policy.maxFailures, 30);
  return Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
}

export const SESSION_COOKIE = 'yilian_session';
