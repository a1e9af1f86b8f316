/**
 * The OpenAPI side of personal data: the `purpose` parameter every logged read takes, generated
 * from the schema that validates it, and how a read's values are served.
 */
import type { z } from 'zod';
import { purposeSchema } from '../../definitions/access';
import { SERVED_HEADER } from './personalData';

type JsonOf = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;

/** The reads the access log records (api/http/personalData.ts `sendPersonalData`, `recordRead`). */
export const personalDataReads = [
  '/api/applications/{id}',
  '/api/applications/{id}/verification',
  '/api/applications/{id}/integrity',
  '/api/household-applications/{id}',
  '/api/household-applications/{id}/children',
  '/api/referrals/{id}',
  '/api/payment-cycles/{id}/bank-file',
] as const;

type Operation = { parameters?: object[]; description?: string; [field: string]: unknown };

/**
 * Adds `purpose` (required of supervisors) to every logged read, and says how its values are
 * served. Applied to the finished paths, so each resource's own OpenAPI module stays as it is.
 */
export function withPersonalDataReads(
  json: JsonOf,
  paths: Record<string, Record<string, Operation>>
): Record<string, Record<string, Operation>> {
  const purpose = {
    name: 'purpose',
    in: 'query',
    required: false,
    description:
      '查询用途: required of supervisors (400 at query.purpose without it), kept in the access log. One line of ' +
      'Chinese, 4–100 characters, no run of 8 or more digits (no ID, phone or account number)',
    schema: json(purposeSchema, 'input'),
  };
  const note =
    `Logged in the access log (查询留痕) before it is sent. ID, phone and account numbers are served in full to the ` +
    `roles that handle it (and to a supervisor with a purpose), masked to others; the ${SERVED_HEADER} response ` +
    'header says which (full | masked).';
  const out = { ...paths };
  for (const path of personalDataReads) {
    const get = out[path]?.get;
    if (!get) throw new Error(`OpenAPI: no GET ${path} to mark as a logged read`);
    out[path] = {
      ...out[path],
      get: {
        ...get,
        description: get.description ? `${get.description} ${note}` : note,
        parameters: [...(get.parameters ?? []), purpose],
      },
    };
  }
  return out;
}
