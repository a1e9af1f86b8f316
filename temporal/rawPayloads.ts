/**
 * Payloads of calls made straight to the workflow service, past the SDK's converters (a describe
 * answer's pending activities, history events read for the stuck-case view, a termination's details):
 * encoded and decoded here with a client's loaded data converter, so they are encrypted like every
 * other payload and read back as the code that wrote them meant.
 */
import type { LoadedDataConverter, Payload, ProtoFailure } from '@temporalio/common';

/** A value as the SDK would put it on the wire: converted, then through each codec in order. */
export async function encodeValue(value: unknown, converter: LoadedDataConverter): Promise<Payload> {
  let payloads = [converter.payloadConverter.toPayload(value)];
  for (const codec of converter.payloadCodecs) payloads = await codec.encode(payloads);
  return payloads[0]!;
}

/** The reverse: through each codec last first, as the SDK decodes, then converted back. */
export async function decodeValue(payload: Payload, converter: LoadedDataConverter): Promise<unknown> {
  let payloads = [payload];
  for (const codec of [...converter.payloadCodecs].reverse()) payloads = await codec.decode(payloads);
  return converter.payloadConverter.fromPayload(payloads[0]!);
}

/**
 * A failure's message as the code that raised it wrote it. With encoded common attributes
 * (temporal/failureConverter.ts) a failure read raw says only "Encoded failure"; its message is in
 * its encoded attributes, which the codec encrypts.
 */
export async function failureMessage(
  failure: ProtoFailure | null | undefined,
  converter: LoadedDataConverter
): Promise<string | undefined> {
  if (!failure) return undefined;
  const plain = failure.message ?? undefined;
  if (!failure.encodedAttributes) return plain;
  const attributes = await decodeValue(failure.encodedAttributes, converter);
  const message = (attributes as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : plain;
}
