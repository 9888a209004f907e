import { z } from 'zod';

/**
 * What a location id from outside (a query string, a path segment, a form) may look like before
 * it reaches a query: GHL's ids are short printable strings. Control characters (PostgreSQL
 * refuses NUL in text) and overlong values are refused at the edge instead of failing deep down.
 */
export const locationIdSchema = z
  .string()
  .min(1, { message: 'expected a location id' })
  .max(200, { message: 'expected a location id of at most 200 characters' })
  .regex(/^[^\u0000-\u001f\u007f]+$/, {
    message: 'expected a location id without control characters',
  });

/** A location id as a form sends it: trimmed first, then checked. */
export const locationIdInputSchema = z.string().trim().pipe(locationIdSchema);

/** Whether a value can be a location id at all (a 404 for anything that cannot). */
export function isPlausibleLocationId(value: unknown): value is string {
  return locationIdSchema.safeParse(value).success;
}
