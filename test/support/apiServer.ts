/**
 * The API mounted on port 0 over a test stack, with a small client that signs each person in (a
 * directory entry and an API token, test/support/credentials.ts) and sends their bearer token.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/http/app';
import type { AuthSettings } from '../../api/http/authSettings';
import type { RateLimitSettings } from '../../api/http/rateLimit';
import type { RequestMetrics } from '../../api/http/requestMetrics';
import type { ReturnFileLimits } from '../../definitions/payments';
import type { ConfigEntry } from '../../definitions/shared/rulesConfig';
import type { Logger } from '../../observability/logger';
import { silentLogger } from '../../observability/logger';
import type { Person } from './factories';
import { authHeadersFor } from './credentials';
import { testConfigEntries } from './factories';
import type { Stack } from './stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field in tests
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApi {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ApiResponse
  call<T = any>(
    method: string,
    path: string,
    actor: Person | null,
    body?: unknown,
    headers?: Record<string, string>
  ): Promise<ApiResponse<T>>;
  raw(method: string, path: string, init: RequestInit): Promise<Response>;
  /** Headers that authenticate as `actor` (bearer token), for requests built by hand. */
  headersFor(actor: Person): Promise<Record<string, string>>;
  /** The API's base URL, http://127.0.0.1:<port>. */
  base: string;
  close(): Promise<void>;
}

export async function startApi(
  stack: Stack,
  options: {
    /** The test county's public notice (2 s by default, so a chain runs through it in a test). */
    noticeSeconds?: number;
    stepSeconds?: number;
    returnFileLimits?: ReturnFileLimits;
    client?: Client;
    auth?: Partial<AuthSettings>;
    rateLimits?: RateLimitSettings;
    /** Origins the codec endpoint admits (api/temporalCodec/router.ts); none by default. */
    temporalUiOrigins?: readonly string[];
    /** Where request lines go; nowhere by default (a test that reads them passes its own). */
    logger?: Logger;
    /** The request metrics, for a test that scrapes them; a registry of the app's own by default. */
    metrics?: RequestMetrics;
    /** Another task queue than the stack's: one no worker polls. */
    taskQueue?: string;
    /** Rules entries in place of the test county's (a test in a county of its own). */
    configEntries?: ConfigEntry[];
  } = {}
): Promise<TestApi> {
  const app = createApp({
    pool: stack.pool,
    // Another client: e.g. one pointed at an address where no Temporal answers.
    client: options.client ?? stack.client,
    taskQueue: options.taskQueue ?? stack.taskQueue,
    extraConfigEntries: options.configEntries ?? testConfigEntries(options.noticeSeconds ?? 2, options.stepSeconds),
    log: () => undefined,
    logger: options.logger ?? silentLogger(),
    metrics: options.metrics,
    returnFileLimits: options.returnFileLimits,
    auth: options.auth,
    rateLimits: options.rateLimits,
    temporalUiOrigins: options.temporalUiOrigins,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async call(method, path, actor, body, headers = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(actor ? await authHeadersFor(stack.pool, actor) : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // A download (the bank file's CSV) comes back as its text.
      const json = response.headers.get('content-type')?.includes('json') ?? false;
      return {
        status: response.status,
        headers: response.headers,
        body: (json ? await response.json() : await response.text()) as never,
      };
    },
    raw: (method, path, init) => fetch(`${base}${path}`, { method, ...init }),
    headersFor: (actor) => authHeadersFor(stack.pool, actor),
    base,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
