/**
 * PostgreSQL hung: an API whose pool points at a local port that accepts connections and never
 * answers (what a hung server or a half-open network path looks like) answers /readyz with 503 and
 * Retry-After within a second, instead of waiting out the pool's 10 s connect timeout; /healthz
 * (liveness) asks no dependency and answers 200.
 */
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo, Server as TcpServer, Socket } from 'node:net';
import { createApp } from '../../api/http/app';
import { createPool } from '../../db/pool';
import { testConfigEntries } from '../support/factories';
import type { Stack } from '../support/stack';
import { openStack } from '../support/stack';
import { silentLogger } from '../../observability/logger';

let stack: Stack;
let silent: TcpServer;
const sockets = new Set<Socket>();
let server: Server;
let pool: ReturnType<typeof createPool>;
let base: string;

beforeAll(async () => {
  stack = await openStack('database-unreachable');
  // The worker reads the run's real database: only this API's pool points at the silent port.
  await stack.startWorker();
  // Takes every connection and says nothing: PostgreSQL's startup reply never comes.
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  pool = createPool(`postgres://postgres@127.0.0.1:${port}/yilian`, { log: () => undefined });
  const app = createApp({
    pool,
    client: stack.client,
    taskQueue: stack.taskQueue,
    extraConfigEntries: testConfigEntries(2),
    log: () => undefined,
    logger: silentLogger(),
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  await pool?.end().catch(() => undefined);
  await stack?.close();
});

describe('PostgreSQL not answering', () => {
  it('answers /readyz with 503 and Retry-After within a second, naming the database', async () => {
    const started = Date.now();
    const res = await fetch(`${base}/readyz`);
    const ms = Date.now() - started;

    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await res.json()) as { database: string; temporal: string; workers: string };
    expect(body.database).toMatch(/no answer within/);
    expect(body.temporal).toBe('ok');
    expect(body.workers).toBe('ok');
    expect(ms).toBeLessThan(1_000);
  });

  it('answers /healthz with 200 at once: liveness asks no dependency', async () => {
    const started = Date.now();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
