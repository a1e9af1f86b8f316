/** A minimal HTTP client for the API with identity headers; throws on any non-2xx answer. */
import type { Actor } from '../../definitions/shared/actors';
import type { CaseView } from '../../workflows/contract';

export class ApiClient {
  constructor(private readonly baseUrl: string) {}

  async request<T>(method: string, path: string, actor: Actor, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-user-id': actor.userId,
        'x-user-role': actor.role,
        'x-user-org': actor.org,
      },
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
