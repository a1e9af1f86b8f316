/** A minimal HTTP client for the API, signed in as each actor with an API token; throws on any non-2xx answer. */
import type { Pool } from 'pg';
import type { Actor } from '../../definitions/shared/actors';
import type { TokenFor } from '../../scripts/lib/actorTokens';
import { actorTokens } from '../../scripts/lib/actorTokens';
import type { CaseView } from '../../workflows/contract';

export class ApiClient {
  private readonly tokenFor: TokenFor;
  constructor(
    private readonly baseUrl: string,
    pool: Pool
  ) {
    this.tokenFor = actorTokens(pool, 'bench');
  }

  /** Headers that authenticate as `actor`, for load generators that send their own requests. */
  async headersFor(actor: Actor): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.tokenFor(actor)}` };
  }

  async request<T>(method: string, path: string, actor: Actor, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(await this.headersFor(actor)) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  event(id: string, actor: Actor, body: Record<string, unknown>): Promise<CaseView> {
    return this.request<CaseView>('POST', `/api/applications/${id}/events`, actor, body);
  }
}
