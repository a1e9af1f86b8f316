/**
 * Builds a workflow bundle whose chart registry lists staged versions (definitions/stagedVersions.ts):
 * a `webpackConfigHook` for `bundleWorkflowCode` that swaps the module for another one with the same
 * exports. The API process must see the same module (the test suite maps it in jest.config.js), or it
 * could not plan a migration the workers would carry out.
 */
import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

type WebpackConfigHook = NonNullable<BundleOptions['webpackConfigHook']>;

/** The registry's import as webpack resolves it: an absolute path without extension. */
const stagedModule = path.resolve(__dirname, '../definitions/stagedVersions');

/** `replacement`: absolute path of the module to use in place of definitions/stagedVersions.ts. */
export function withStagedVersions(replacement: string): WebpackConfigHook {
  return (config) => {
    const alias = config.resolve?.alias;
    if (Array.isArray(alias)) throw new Error('withStagedVersions expects webpack aliases as an object');
    return {
      ...config,
      resolve: { ...config.resolve, alias: { ...alias, [stagedModule]: replacement } },
    };
  };
}
