/**
 * The payloads of a workflow history, wherever its events carry them (inputs, results, memo,
 * failures' encoded attributes, search attributes), and a copy of a history with them decoded. Found
 * by shape, not by a list of event types, so an event type added by a later server is not missed: a
 * payload is a message whose `metadata` holds an `encoding`.
 * Used to record golden histories readable without the run's key, and by the test that proves a
 * history on the server holds no personal data in clear.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { HistoryMessage } from './historyFiles';

const History = temporal.api.history.v1.History;

type Holder = Record<string, unknown>;

/** Where a payload sits, so a decoded one can take its place, and a report can name it. */
interface PayloadSlot {
  holder: Holder;
  key: string;
  /** e.g. `events.0.workflowExecutionStartedEventAttributes.input.payloads.0` */
  path: string;
  payload: Payload;
}

function isPayload(value: object): value is Payload {
  const metadata = (value as { metadata?: unknown }).metadata;
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    (metadata as Record<string, unknown>)[METADATA_ENCODING_KEY] instanceof Uint8Array
  );
}

/** Walked with an explicit stack: a long history's nesting is shallow, but its events are many. */
function payloadSlots(root: object): PayloadSlot[] {
  const slots: PayloadSlot[] = [];
  const stack: { holder: Holder; path: string }[] = [{ holder: root as Holder, path: '' }];
  while (stack.length > 0) {
    const { holder, path } = stack.pop()!;
    for (const [key, value] of Object.entries(holder)) {
      // Bytes are leaves: walking a Uint8Array would visit every byte.
      if (typeof value !== 'object' || value === null || value instanceof Uint8Array) continue;
      const at = path === '' ? key : `${path}.${key}`;
      if (isPayload(value)) slots.push({ holder, key, path: at, payload: value });
      else stack.push({ holder: value as Holder, path: at });
    }
  }
  return slots;
}

/** Every payload in `history` as the history holds it, with where it is. */
export function historyPayloads(history: HistoryMessage): { path: string; payload: Payload }[] {
  return payloadSlots(history).map(({ path, payload }) => ({ path, payload }));
}

/**
 * A copy of `history` with every payload run through `codecs`' decode (last codec first, as the SDK
 * does); payloads a codec does not recognise pass through it unchanged.
 */
export async function decodeHistoryPayloads(
  history: HistoryMessage,
  codecs: readonly PayloadCodec[]
): Promise<temporal.api.history.v1.History> {
  // A deep copy through the wire form: the caller's history stays as the server sent it.
  const copy = History.decode(History.encode(History.fromObject(history)).finish());
  for (const slot of payloadSlots(copy)) {
    let payloads = [slot.payload];
    for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
    slot.holder[slot.key] = payloads[0];
  }
  return copy;
}
