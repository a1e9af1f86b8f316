/** The payload schemas of every event, from the OpenAPI document's `x-event-payloads`. */
import { api } from '../api/client';
import type { JsonSchema } from './payloadFields';

let eventSchemas: Promise<Record<string, JsonSchema>> | undefined;

/** Keyed `<program>.<TYPE>`; fetched once per page load (a failed fetch is tried again next time). */
export function loadEventSchemas(): Promise<Record<string, JsonSchema>> {
  eventSchemas ??= api<{ 'x-event-payloads'?: Record<string, JsonSchema> }>('GET', '/api/openapi.json')
    .then((doc) => doc['x-event-payloads'] ?? {})
    .catch((e: unknown) => {
      eventSchemas = undefined;
      throw e;
    });
  return eventSchemas;
}
