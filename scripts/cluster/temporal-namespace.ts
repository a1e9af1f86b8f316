/**
 * `tsx scripts/cluster/temporal-namespace.ts`: registers TEMPORAL_NAMESPACE and the case search
 * attributes on the Temporal server at TEMPORAL_ADDRESS once it answers, then exits. The
 * temporal-namespace service of docker-compose.yml; `npm run start:cluster` does the same in-process.
 */
import { loadEnv } from '../../config/env';
import { say } from '../lib/bootstrap';
import { prepareNamespace } from './temporalNamespace';

async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set: which Temporal server should be prepared?');
  await prepareNamespace(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE, say);
  say(`Temporal at ${env.TEMPORAL_ADDRESS} is ready with namespace ${env.TEMPORAL_NAMESPACE}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
