/**
 * `tsx scripts/cluster/proxy.ts`: the round-robin proxy in front of the API processes
 * (scripts/cluster/roundRobin.ts), listening on HOST:PORT and sending to API_UPSTREAMS, a
 * comma-separated list of the API processes' base URLs. SIGTERM stops it as the API stops
 * (scripts/lib/shutdown.ts): no new connections, requests in flight finish.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { say } from '../lib/bootstrap';
import type { StartedPieces } from '../lib/shutdown';
import { onShutdown } from '../lib/shutdown';
import { createRoundRobinProxy } from './roundRobin';

const proxyEnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_UPSTREAMS: z
    .string()
    .min(1)
    .transform((text) => text.split(',').map((part) => new URL(part.trim()))),
});

async function main(): Promise<void> {
  const parsed = proxyEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(
      `Invalid environment configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`
    );
  }
  const env = parsed.data;
  const pieces: StartedPieces = {};
  onShutdown(pieces);
  const proxy = createRoundRobinProxy(env.API_UPSTREAMS);
  const server: Server = await new Promise((resolve, reject) => {
    proxy.listen(env.PORT, env.HOST, () => resolve(proxy)).on('error', reject);
  });
  pieces.http = { server };
  const { port } = server.address() as AddressInfo;
  say(`proxy at http://${env.HOST}:${port}, in turn to ${env.API_UPSTREAMS.map((u) => u.host).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
