import { z } from 'zod';

/** An ISO-8601 timestamp with `Z` or an offset, kept as the string GHL sent. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A string that may be missing or null upstream; parsed to `string | null`. */
export const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** A number that may be missing or null upstream; parsed to `number | null`. */
export const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

/** An ISO timestamp that may be missing or null upstream; parsed to `string | null`. */
export const optionalIsoDateTime = isoDateTime.nullish().transform((v) => v ?? null);
