import { z } from 'zod';
import { optionalString } from './common';

/** A sub-account as returned by `GET /locations/search` and `GET /locations/{id}`. */
export const locationSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  /**
   * IANA name (or legacy `US/Central`); report days are bucketed in it. Search results usually
   * carry it; when one does not, the sync fetches `GET /locations/{id}` for it.
   */
  timezone: optionalString,
  companyId: optionalString,
});
export type GhlLocation = z.infer<typeof locationSchema>;

export const locationsSearchEnvelope = z.looseObject({ locations: z.array(z.unknown()) });
export const locationGetEnvelope = z.looseObject({ location: z.unknown() });
