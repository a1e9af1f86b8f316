/** `npm run build:web`: builds the staff console into web/dist when it is missing or stale. */
import { ensureConsoleBuilt } from './lib/consoleBuild';

ensureConsoleBuilt((message) => console.log(`[yilian] ${message}`)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
