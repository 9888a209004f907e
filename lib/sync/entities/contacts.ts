import { z } from 'zod';
import type { GhlContact } from '@/lib/ghl/client';
import { CONTACTS_MAX_PAGE_LIMIT } from '@/lib/ghl/endpoints/contacts';
import { contactsCursorSchema } from '@/lib/ghl/schemas/cursor';
import type { ContactsCursor } from '@/lib/ghl/types';
import { contactToRow, type ContactRow } from '../transform';
import { deleteUnseenContacts, upsertContacts } from '../upsert/contacts';
import { laneCount, type EntityDefinition, type SplitRead } from './definition';

const addedScope = z.object({ gte: z.string().optional(), lt: z.string().optional() });

/**
 * At most two contacts lanes: a contacts page is 500 records, five times the others, and each lane
 * holds one in flight (bench part (4), 200,000 contacts: peak RSS 299 MB with four lanes against
 * the 300 MB goal, 275 MB with one).
 */
const MAX_CONTACTS_LANES = 2;

/**
 * A large complete read goes on, after its first page, as several cursors over `dateAdded`
 * ranges (which never change, so a contact belongs to one lane for good), each still sorted by
 * `dateUpdated` from the first page's `searchAfter`. The bounds split the time from the earliest
 * `dateAdded` on the first page to now evenly; the first and last lanes are open-ended.
 */
const byDateAdded: SplitRead<GhlContact, ContactsCursor> = {
  plan(first, { maxLanes, now }) {
    if (first.next === null || first.total === undefined || first.items.length === 0) return null;
    const remaining = Math.ceil((first.total - first.items.length) / CONTACTS_MAX_PAGE_LIMIT);
    const lanes = laneCount(remaining, Math.min(maxLanes, MAX_CONTACTS_LANES));
    const from = Math.min(...first.items.map((c) => Date.parse(c.dateAdded)));
    const to = now.getTime();
    if (lanes < 2 || !(to > from)) return null;
    const bounds = Array.from({ length: lanes - 1 }, (_, i) =>
      new Date(from + Math.round(((to - from) * (i + 1)) / lanes)).toISOString(),
    );
    return Array.from({ length: lanes }, (_, i) => ({
      key: `added:${i}`,
      scope: {
        ...(i > 0 ? { gte: bounds[i - 1] } : {}),
        ...(i < lanes - 1 ? { lt: bounds[i] } : {}),
      },
      page: first.next,
    }));
  },
  fetchLane: (ghl, locationId, lane, signal) =>
    ghl.searchContacts(locationId, {
      cursor: lane.page,
      addedRange: addedScope.parse(lane.scope),
      signal,
    }),
};

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
  split: byDateAdded,
  toRow: contactToRow,
  updatedAtOf: (row) => row.dateUpdated,
  upsert: upsertContacts,
  deleteUnseen: deleteUnseenContacts,
};
