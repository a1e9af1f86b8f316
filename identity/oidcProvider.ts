/**
 * OpenID Connect sign-in (authorization code + PKCE, S256) through openid-client: discovery of the
 * issuer, the redirect, and the code exchange with state, nonce and ID-token checks. The subject is
 * the `sub` claim or the configured one (a province platform may put the staff number elsewhere).
 */
import * as oidc from 'openid-client';
import type { IdentityProvider, PendingLogin } from './identityProvider';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE alone). */
  clientSecret?: string;
  /** The callback URL registered with the provider: <public URL>/api/auth/oidc/callback. */
  redirectUri: string;
  scope: string;
  subjectClaim: string;
  labelZh: string;
  /** Plain-http issuers, for a provider on the same host in development and tests only. */
  allowHttp: boolean;
}

export function oidcProvider(settings: OidcSettings): IdentityProvider {
  let discovered: Promise<oidc.Configuration> | undefined;
  // Discovered on first use and kept; a failed discovery is retried on the next login.
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
        settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    labelZh: settings.labelZh,
    async beginLogin() {
      const config = await configuration();
      const pending: PendingLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const redirectTo = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { redirectTo, pending };
    },
    async completeLogin(callbackParams, pending) {
      const config = await configuration();
      // The URL the provider redirected to, rebuilt from the registered one: never from Host headers.
      const callbackUrl = new URL(settings.redirectUri);
      callbackUrl.search = callbackParams.toString();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      const subject = claims?.[settings.subjectClaim];
      if (typeof subject !== 'string' || subject.length === 0) {
        throw new Error(`the ID token has no ${settings.subjectClaim} claim`);
      }
      return { subject };
    },
  };
}
