/**
 * A small HTTP proxy that hands requests to the API processes in turn. The API processes keep no
 * state of their own between requests (sessions, rate limits' durable parts and cases live in
 * PostgreSQL and Temporal), so any of them may answer any request. A request whose API process does
 * not accept the connection (restarting, stopped) goes to the next one; once a process has the
 * request, its answer — or failure — is final, so a write is never sent twice.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Larger than any body the API accepts (it answers 413 itself for what it refuses). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Per connection, not per request: these describe the hop between proxy and API. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']);

export function createRoundRobinProxy(upstreams: URL[]): http.Server {
  if (upstreams.length === 0) throw new Error('the proxy needs at least one API process to send requests to');
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  return http.createServer((request, response) => {
    readBody(request).then(
      (body) => {
        if (body === undefined) {
          response.writeHead(413).end();
          return;
        }
        const first = next;
        next = (next + 1) % upstreams.length;
        forward(request, response, body, upstreams, first, 0, agent);
      },
      () => response.destroy()
    );
  });
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });
}

function forward(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  upstreams: URL[],
  index: number,
  tried: number,
  agent: http.Agent
): void {
  const upstream = upstreams[index % upstreams.length] as URL;
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  headers['content-length'] = String(body.length);
  const forwardedFor = [request.headers['x-forwarded-for'] ?? []].flat();
  headers['x-forwarded-for'] = [...forwardedFor, request.socket.remoteAddress ?? ''].join(', ');
  const outgoing = http.request(
    { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers, agent },
    (answer) => {
      const answerHeaders = Object.fromEntries(
        Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name))
      );
      response.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(response);
    }
  );
  outgoing.on('error', (error: NodeJS.ErrnoException) => {
    // Refused: the request never reached that process, so trying the next one cannot duplicate it.
    if (error.code === 'ECONNREFUSED' && tried + 1 < upstreams.length) {
      forward(request, response, body, upstreams, index + 1, tried + 1, agent);
    } else if (!response.headersSent) {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'no API process answered', detail: error.code ?? error.message }));
    } else {
      response.destroy();
    }
  });
  outgoing.end(body);
}
