/**
 * The one data converter every Temporal client and worker of Yilian uses: payloads encrypted with
 * the payload key ring (temporal/payloadCodec.ts), failure messages and stack traces encoded so the
 * codec encrypts them too (temporal/failureConverter.ts). A workflow bundle built ahead of time must
 * be built with `failureConverterPath` (bundleWorkflowCode's option), or the workflow side writes
 * failure messages in clear.
 */
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './payloadCodec';
import type { KeyRing } from './payloadKeys';

/** For Worker.create (through dataConverter) and bundleWorkflowCode. */
export const failureConverterPath = require.resolve('./failureConverter');

export function temporalDataConverter(keys: KeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)], failureConverterPath };
}
