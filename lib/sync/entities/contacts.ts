import type { GhlContact } from '@/lib/ghl/client';
import { contactsCursorSchema } from '@/lib/ghl/schemas/cursor';
import type { ContactsCursor } from '@/lib/ghl/types';
import { contactToRow, type ContactRow } from '../transform';
import { deleteUnseenContacts, upsertContacts } from '../upsert/contacts';
import type { EntityDefinition } from './definition';

/**
 * Contacts: `POST /contacts/search` sorted by `dateUpdated` ascending with the `searchAfter`
 * cursor. Incremental runs filter `dateUpdated >= watermark − overlap` (the search index lags a
 * few seconds); overlapping records are de-duplicated by the upsert. Deletions are invisible to
 * an updated-since read: only `--full` reconciles them.
 */
export const contactsEntity: EntityDefinition<GhlContact, ContactRow, ContactsCursor> = {
  entity: 'contacts',
  cursorSchema: contactsCursorSchema,
  supportsUpdatedSince: true,
  reconcileEveryRun: false,
  feedsRollups: true,
  fetch: (ghl, locationId, { cursor, updatedSince, signal }) =>
    ghl.searchContacts(locationId, { cursor, updatedSince: updatedSince ?? undefined, signal }),
  toRow: contactToRow,
  updatedAtOf: (row) => row.dateUpdated,
  upsert: upsertContacts,
  deleteUnseen: deleteUnseenContacts,
};
