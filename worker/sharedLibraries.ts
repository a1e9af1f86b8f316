/**
 * The libraries every workflow uses, listed for the workflow bundle's preloading
 * (worker/workflowBundle.ts). The imports must be used: both packages declare themselves free of
 * side effects, so a bare `require('zod')` in the preload list is dropped by webpack and nothing
 * is shared.
 */
import * as xstate from 'xstate';
import * as zod from 'zod';

export const sharedLibraries = [zod, xstate] as const;
