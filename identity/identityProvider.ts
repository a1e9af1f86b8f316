/**
 * The port an external identity provider plugs into: it says *who* someone is (a subject), never
 * what they may do — the staff directory decides that. OIDC is the adapter today
 * (identity/oidcProvider.ts); a CAS-ticket adapter for a province platform implements the same two
 * steps: where to send the browser, and what a callback proves.
 */

/** What must survive between sending the browser away and its coming back. */
export interface PendingLogin {
  state: string;
  codeVerifier: string;
  nonce: string;
}

export interface IdentityProvider {
  /** Shown on the login button, e.g. '省统一身份认证平台'. */
  readonly labelZh: string;
  /** The provider's sign-in URL for this login, and what to keep for the callback. */
  beginLogin(): Promise<{ redirectTo: URL; pending: PendingLogin }>;
  /**
   * Checks the callback's query (state, code; the token's signature, issuer, audience, nonce) and
   * returns the authenticated subject.
   */
  completeLogin(callbackParams: URLSearchParams, pending: PendingLogin): Promise<{ subject: string }>;
}
