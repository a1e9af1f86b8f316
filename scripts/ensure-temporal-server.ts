/**
 * `npm run temporal:server-build`: finds the Temporal server and its SQL tool for the cluster
 * topology, building them with Go when missing (temporal/serverBinaries.ts). The cluster CI job runs
 * this as its own step, so a cold build shows up there, with progress, instead of inside the job.
 */
import { locateServerBinaries, TEMPORAL_SERVER_VERSION } from '../temporal/serverBinaries';

async function main(): Promise<void> {
  const binaries = await locateServerBinaries({ build: true, log: console.log });
  if (binaries === undefined) {
    console.error(
      `No Temporal server found and none could be built. Install Go (https://go.dev/dl/) so ${TEMPORAL_SERVER_VERSION} ` +
        'can be built, or set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH.'
    );
    process.exit(1);
  }
  console.log(`${binaries.server}\n${binaries.sqlTool}\n${binaries.version}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
