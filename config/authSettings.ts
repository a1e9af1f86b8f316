/**
 * Sign-in settings from the environment: session lifetimes, password and lockout figures, and the
 * OIDC provider when OIDC_ISSUER and OIDC_CLIENT_ID are set. Only the entry points import this (it
 * pulls in the OIDC libraries); the app takes the result.
 */
import type { AuthSettings } from '../api/http/authSettings';
import { DEFAULT_AUTH_SETTINGS } from '../api/http/authSettings';
import { jwtBearerVerifier } from '../identity/jwtBearer';
import { oidcProvider } from '../identity/oidcProvider';
import type { Env } from './env';

/** The URL people open, for cookie flags and the OIDC callback. */
export function publicUrlOf(env: Env): string {
  return (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/$/, '');
}

export function authSettingsFromEnv(env: Env): AuthSettings {
  const publicUrl = publicUrlOf(env);
  if ((env.OIDC_ISSUER === undefined) !== (env.OIDC_CLIENT_ID === undefined)) {
    throw new Error('Invalid environment configuration: OIDC_ISSUER and OIDC_CLIENT_ID are set together or not at all');
  }
  const allowHttp = env.OIDC_ALLOW_HTTP === 'true';
  const oidc =
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          subjectClaim: env.OIDC_SUBJECT_CLAIM,
          allowHttp,
        }
      : undefined;
  return {
    ...DEFAULT_AUTH_SETTINGS,
    sessionMaxAgeMs: env.SESSION_MAX_HOURS * 3_600_000,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    secureCookies: publicUrl.startsWith('https://'),
    passwordPolicy: { ...DEFAULT_AUTH_SETTINGS.passwordPolicy, minLength: env.PASSWORD_MIN_LENGTH },
    lockout: {
      maxFailures: env.LOGIN_MAX_FAILURES,
      baseLockMs: env.LOGIN_LOCK_MINUTES * 60_000,
      maxLockMs: Math.max(env.LOGIN_LOCK_MINUTES * 60_000, 3_600_000),
    },
    loginAttemptsPerMinute: env.LOGIN_ATTEMPTS_PER_MINUTE,
    ...(oidc
      ? {
          oidc: oidcProvider({
            ...oidc,
            redirectUri: env.OIDC_REDIRECT_URI ?? `${publicUrl}/api/auth/oidc/callback`,
            scope: env.OIDC_SCOPE,
            labelZh: env.OIDC_LABEL,
          }),
          jwt: jwtBearerVerifier({ ...oidc, audience: env.OIDC_AUDIENCE ?? oidc.clientId }),
        }
      : {}),
  };
}
