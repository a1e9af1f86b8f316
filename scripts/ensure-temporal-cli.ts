/**
 * `npm run temporal:cli`: finds the temporal CLI, building it with Go when it is missing. CI runs this
 * as its own step so the slow build shows up there, with progress, instead of inside the test timeout.
 */
import { locateTemporalCli, TEMPORAL_CLI_VERSION } from '../temporal/cli';

async function main(): Promise<void> {
  const cli = await locateTemporalCli({ build: true, log: console.log });
  if (cli === undefined) {
    console.error(
      `No temporal CLI found and none could be built. Install Go (https://go.dev/dl/) so ${TEMPORAL_CLI_VERSION} ` +
        'can be built, put a `temporal` binary on PATH, or set TEMPORAL_CLI_PATH.'
    );
    process.exit(1);
  }
  console.log(cli);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
