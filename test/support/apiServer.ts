/**
 * The API mounted on port 0 over a test stack, with a small client that sends identity headers.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import type { ReturnFileLimits } from '../../definitions/payments';
import type { Person } from './factories';
import { headersFor, testConfigEntries } from './factories';
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
  close(): Promise<void>;
}

export async function startApi(
  stack: Stack,
  options: {
    stepSeconds?: number;
    returnFileLimits?: ReturnFileLimits;
    client?: Client;
    /** Origins the codec endpoint admits (api/routes/temporalCodec.ts); none by default. */
    temporalUiOrigins?: readonly string[];
  } = {}
): Promise<TestApi> {
  const app = createApp({
    pool: stack.pool,
    // Another client: e.g. one pointed at an address where no Temporal answers.
    client: options.client ?? stack.client,
    taskQueue: stack.taskQueue,
    extraConfigEntries: testConfigEntries(2, options.stepSeconds),
    log: () => undefined,
    returnFileLimits: options.returnFileLimits,
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
        headers: { ...(actor ? headersFor(actor) : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as never };
    },
    raw: (method, path, init) => fetch(`${base}${path}`, { method, ...init }),
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
