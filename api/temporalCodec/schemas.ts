/**
 * The bodies of Temporal's codec server protocol (api/temporalCodec/router.ts): payloads in proto3
 * JSON, every bytes field base64. Shared by the router and the OpenAPI document.
 */
import { z } from 'zod';

export const TEMPORAL_CODEC_PATH = '/api/temporal-codec';
const MAX_PAYLOADS = 1_000;

// proto3 JSON writes bytes as standard base64 and reads the URL-safe form too.
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, '须为 base64 编码');

export const payloadJsonSchema = z.object({
  metadata: z.record(z.string().min(1).max(256), base64).nullish(),
  data: base64.nullish(),
});
export type PayloadJson = z.infer<typeof payloadJsonSchema>;

// proto3 JSON leaves an empty list out: the CLI sends `{}` for an event without payloads.
export const codecBodySchema = z.strictObject({
  payloads: z.array(payloadJsonSchema).max(MAX_PAYLOADS, `一次至多 ${MAX_PAYLOADS} 个数据`).default([]),
});
