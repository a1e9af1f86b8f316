/**
 * The failure converter of every client, worker and workflow bundle: the SDK's default, with
 * `encodeCommonAttributes` on. A failure's message and stack trace are plain strings in history by
 * default, and ours can quote what they failed on (a database error naming a value, a refusal
 * naming a member); with this they move into the failure's encoded attributes, a payload the
 * codec encrypts like any other, and history keeps only "Encoded failure".
 * Loaded by path (temporal/dataConverter.ts) and bundled into the workflow sandbox: no Node
 * built-ins, no I/O.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
