/** Parses request parts with zod, turning failures into a 400 with the field paths. */
import type { z } from 'zod';
import { ValidationFailed } from './errors';

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix: string[] = []): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw ValidationFailed.fromZod(result.error, prefix);
  return result.data;
}
