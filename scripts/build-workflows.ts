/**
 * `npm run build:workflows [-- <file>]`: builds the workers' workflow bundle once, ahead of time
 * (default `.build/workflows.js`, or WORKFLOW_BUNDLE). A worker started with WORKFLOW_BUNDLE set
 * loads it instead of bundling the workflows itself at every start (docs/performance.md#worker-start).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildWorkflowBundle } from '../worker/workflowBundle';

async function main(): Promise<void> {
  const file = path.resolve(process.argv[2] ?? process.env.WORKFLOW_BUNDLE ?? '.build/workflows.js');
  const started = performance.now();
  const code = await buildWorkflowBundle();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, code);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`workflow bundle written to ${file} (${Math.round(code.length / 1024)} KiB) in ${seconds} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
