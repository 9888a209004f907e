import { z } from 'zod';
import { isoDateTime, optionalString } from './common';

/** A contact from `POST /contacts/search` (about 35 fields upstream; these are the checked ones). */
export const contactSchema = z.object({
  id: z.string().min(1),
  dateAdded: isoDateTime,
  dateUpdated: isoDateTime,
  source: optionalString,
  /** e.g. `lead`, `customer`. */
  type: optionalString,
  /** The record's own search cursor, e.g. `[1717000000000, "id"]`. */
  searchAfter: z.array(z.union([z.string(), z.number()])).min(1),
});
export type GhlContact = z.infer<typeof contactSchema>;

export const contactsSearchEnvelope = z.looseObject({
  contacts: z.array(z.unknown()),
  total: z.number().optional(),
});
