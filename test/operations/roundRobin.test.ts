/**
 * The cluster's proxy (scripts/cluster/roundRobin.ts) in front of two stand-in API processes: it
 * takes turns, passes method, path, headers and body through, and sends a request to the other
 * process only when the first did not accept the connection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRoundRobinProxy } from '../../scripts/cluster/roundRobin';

interface Upstream {
  url: URL;
  seen: { method?: string; path?: string; body: string; auth?: string }[];
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<URL> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

const close = (server: http.Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

async function upstream(name: string): Promise<Upstream> {
  const seen: Upstream['seen'] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method, path: request.url, body, auth: request.headers.authorization });
      response.writeHead(201, { 'content-type': 'application/json', 'x-upstream': name });
      response.end(JSON.stringify({ from: name }));
    });
  });
  return { url: await listen(server), seen, close: () => close(server) };
}

/** A port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<URL> {
  const server = http.createServer();
  const url = await listen(server);
  await close(server);
  return url;
}

describe('cluster proxy / round robin', () => {
  let proxy: http.Server | undefined;
  const upstreams: Upstream[] = [];
  afterEach(async () => {
    if (proxy) await close(proxy);
    await Promise.all(upstreams.splice(0).map((u) => u.close()));
  });

  async function start(targets: URL[]): Promise<string> {
    proxy = createRoundRobinProxy(targets);
    return (await listen(proxy)).origin;
  }

  it('hands requests to the API processes in turn, with method, path, headers and body', async () => {
    upstreams.push(await upstream('api-1'), await upstream('api-2'));
    const base = await start(upstreams.map((u) => u.url));

    const answers = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${base}/api/applications?n=${i}`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ i }),
      });
      answers.push({ status: response.status, from: response.headers.get('x-upstream') });
    }

    expect(answers).toEqual([
      { status: 201, from: 'api-1' },
      { status: 201, from: 'api-2' },
      { status: 201, from: 'api-1' },
      { status: 201, from: 'api-2' },
    ]);
    expect(upstreams[0]?.seen[1]).toEqual({
      method: 'POST',
      path: '/api/applications?n=2',
      body: '{"i":2}',
      auth: 'Bearer t',
    });
  });

  it('sends a request to the next process when one does not accept connections', async () => {
    upstreams.push(await upstream('api-2'));
    const base = await start([await closedPort(), upstreams[0]!.url]);

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${base}/healthz`)).status);

    expect(statuses).toEqual([201, 201, 201]);
    expect(upstreams[0]?.seen).toHaveLength(3);
  });

  it('answers 502 when no API process accepts the connection', async () => {
    const base = await start([await closedPort(), await closedPort()]);

    const response = await fetch(`${base}/healthz`);

    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: string }).error).toBe('no API process answered');
  });
});
