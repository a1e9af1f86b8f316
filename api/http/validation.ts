/** Parses request parts with zod, turning failures into a 400 with the field paths. */
import { z } from 'zod';
import { ValidationFailed } from './errors';

// Messages the schemas do not set themselves (a wrong type, a missing field) are read by staff too.
z.config(z.locales.zhCN());

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix: string[] = []): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw ValidationFailed.fromZod(result.error, prefix);
  return result.data;
}
