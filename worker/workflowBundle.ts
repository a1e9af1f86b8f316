/**
 * The workflow bundle every worker runs, built once with `bundleWorkflowCode` — workers, tests,
 * replays and benchmarks all build it here, so they run the same code the same way: with the data
 * converter's `failureConverterPath`, or the workflow side would write failure messages in clear
 * (temporal/dataConverter.ts).
 *
 * Nothing is preloaded (the SDK's `preloadModules`): a preloaded module is shared by every workflow
 * only after the SDK deep-freezes it, and zod 4 binds a schema's methods on first use, which a
 * frozen schema refuses — every workflow task failed when zod and xstate were shared. So each
 * workflow evaluates the bundle's modules itself: docs/performance.md#worker-memory has the cost.
 */
import type { BundleOptions } from '@temporalio/worker';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { failureConverterPath } from '../temporal/dataConverter';

export const workflowsPath = require.resolve('../workflows');

export type WorkflowBundleOptions = Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook'>;

/** The bundle's code: Yilian's workflows unless `workflowsPath` names others (a test's). */
export async function buildWorkflowBundle(options: Partial<WorkflowBundleOptions> = {}): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: options.workflowsPath ?? workflowsPath,
    failureConverterPath,
    webpackConfigHook: options.webpackConfigHook,
    // webpack's module listing at INFO buries everything else; problems still show as warnings.
    logger: new DefaultLogger('WARN'),
  });
  return code;
}
