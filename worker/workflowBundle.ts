/**
 * The workflow bundle every worker runs, built once with `bundleWorkflowCode` (workers, tests and
 * benchmarks all build it here, so they run the same code the same way):
 * - with the data converter's `failureConverterPath`, or the workflow side would write failure
 *   messages in clear (temporal/dataConverter.ts);
 * - with the pure modules every case workflow imports — zod, xstate and the program definitions —
 *   preloaded. The SDK runs all cached workflows in one reusable V8 context and, by default,
 *   evaluates every module again for each workflow it creates (each new case, and each case it
 *   replays into its cache). A preloaded module is evaluated once per worker thread and shared,
 *   deep-frozen, by every workflow: docs/performance.md has the memory and start figures.
 *   Only modules without per-workflow state belong here; definitions/ is pure by rule (no I/O, no
 *   mutable module state), and a frozen module that tried to change itself would fail loudly.
 */
import type { BundleOptions } from '@temporalio/worker';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { failureConverterPath } from '../temporal/dataConverter';

/** Modules evaluated once per worker thread and shared by every workflow in its cache. */
export const sharedWorkflowModules: readonly string[] = [require.resolve('./sharedLibraries')];

export const workflowsPath = require.resolve('../workflows');

export type WorkflowBundleOptions = Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook'> & {
  /** Share `sharedWorkflowModules` between workflows (default); off only to measure what it saves. */
  shareModules: boolean;
};

/** The bundle's code: Yilian's workflows unless `workflowsPath` names others (a test's). */
export async function buildWorkflowBundle(options: Partial<WorkflowBundleOptions> = {}): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: options.workflowsPath ?? workflowsPath,
    failureConverterPath,
    preloadModules: options.shareModules === false ? [] : [...sharedWorkflowModules],
    webpackConfigHook: options.webpackConfigHook,
    // webpack's module listing at INFO buries everything else; problems still show as warnings.
    logger: new DefaultLogger('WARN'),
  });
  return code;
}
