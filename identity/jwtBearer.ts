/**
 * Bearer JWTs from the OIDC issuer, for integration clients that hold tokens from the province
 * platform: signature against the issuer's JWKS (fetched once, refreshed by jose on unknown key
 * ids), issuer, audience and expiry checked; the subject claim names the directory entry.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface JwtBearerSettings {
  issuer: string;
  audience: string;
  subjectClaim: string;
  /** Plain-http issuers: development and tests only. */
  allowHttp: boolean;
}

export type JwtVerifier = (token: string) => Promise<{ subject: string }>;

export function jwtBearerVerifier(settings: JwtBearerSettings): JwtVerifier {
  let jwks: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () => {
    jwks ??= (async () => {
      const discoveryUrl = new URL('.well-known/openid-configuration', settings.issuer.replace(/\/?$/, '/'));
      const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`OIDC discovery at ${discoveryUrl.href} answered ${response.status}`);
      const metadata = (await response.json()) as { jwks_uri?: string };
      if (!metadata.jwks_uri) throw new Error('the OIDC discovery document names no jwks_uri');
      const jwksUri = new URL(metadata.jwks_uri);
      if (jwksUri.protocol !== 'https:' && !settings.allowHttp) throw new Error('the jwks_uri is not https');
      return createRemoteJWKSet(jwksUri, { timeoutDuration: 5_000 });
    })().catch((error: unknown) => {
      jwks = undefined;
      throw error;
    });
    return jwks;
  };
  return async (token) => {
    const { payload } = await jwtVerify(token, await keySet(), {
      issuer: settings.issuer,
      audience: settings.audience,
      // Only asymmetric signatures: a shared-secret (HS*) token could be minted by anyone holding the secret.
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
      clockTolerance: 30,
    });
    const subject = payload[settings.subjectClaim];
    if (typeof subject !== 'string' || subject.length === 0) {
      throw new Error(`the token has no ${settings.subjectClaim} claim`);
    }
    return { subject };
  };
}
