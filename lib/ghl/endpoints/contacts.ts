import {
  locationContext,
  stuckCursorError,
  VERSION_2021_07_28,
  type EndpointDeps,
} from '../context';
import { paginate } from '../paginate';
import { isoDateTime } from '../schemas/common';
import { contactSchema, contactsSearchEnvelope, type GhlContact } from '../schemas/contact';
import { parseEnvelope, parseRecords } from '../schemas/parse';
import type { CallContext, ContactsCursor, Page } from '../types';

const SEARCH = 'POST /contacts/search';
const VERSION = VERSION_2021_07_28;
/** The documented maximum of `pageLimit`. */
export const CONTACTS_MAX_PAGE_LIMIT = 500;

export type SearchContactsOptions = {
  /** Only contacts with `dateUpdated >= updatedSince` (ISO string or Date). */
  updatedSince?: string | Date;
  /** Resume after this cursor (the `next` of an earlier page). */
  cursor?: ContactsCursor | null;
  /** 1..500, default 500. */
  pageLimit?: number;
  /**
   * Only contacts added in `[gte, lt)` (ISO; either bound may be absent): one cursor of a split
   * read. `dateAdded` never changes, so the ranges of a split partition the contacts for good.
   */
  addedRange?: AddedRange;
  signal?: AbortSignal;
};

/** A `dateAdded` range of a contacts read (ISO bounds, `gte` inclusive, `lt` exclusive). */
export type AddedRange = { gte?: string; lt?: string };

/** The request body of one page; exported for tests. Rebuilt in full (with locationId) every page. */
export function contactsSearchBody(
  locationId: string,
  pageLimit: number,
  updatedSince: string | null,
  cursor: ContactsCursor | null,
  addedRange: AddedRange | null = null,
): Record<string, unknown> {
  const filters = [
    ...(updatedSince === null
      ? []
      : [{ field: 'dateUpdated', operator: 'range', value: { gte: updatedSince } }]),
    ...(addedRange === null
      ? []
      : [{ field: 'dateAdded', operator: 'range', value: { ...addedRange } }]),
  ];
  return {
    locationId,
    pageLimit,
    // Sorting on dateUpdated (GHL breaks ties by id inside searchAfter) makes the cursor a position
    // in update order: records changed while paging move behind it and are still seen.
    sort: [{ field: 'dateUpdated', direction: 'asc' }],
    ...(filters.length === 0 ? {} : { filters }),
    ...(cursor === null ? {} : { searchAfter: cursor.searchAfter }),
  };
}

function normaliseSince(value: string | Date | undefined): string | null {
  if (value === undefined) return null;
  const iso = value instanceof Date ? value.toISOString() : value;
  if (!isoDateTime.safeParse(iso).success) {
    throw new TypeError(`updatedSince must be an ISO timestamp, got ${iso}`);
  }
  return iso;
}

/**
 * Pages through a location's contacts with `POST /contacts/search` and the `searchAfter` cursor
 * (reaches past the 10,000 records that `page` paging is limited to), oldest update first.
 */
export function searchContacts(
  deps: EndpointDeps,
  locationId: string,
  options: SearchContactsOptions = {},
): AsyncGenerator<Page<GhlContact, ContactsCursor>, void, undefined> {
  const pageLimit = options.pageLimit ?? CONTACTS_MAX_PAGE_LIMIT;
  if (!Number.isInteger(pageLimit) || pageLimit < 1 || pageLimit > CONTACTS_MAX_PAGE_LIMIT) {
    throw new RangeError(`pageLimit must be an integer in 1..${CONTACTS_MAX_PAGE_LIMIT}`);
  }
  const since = normaliseSince(options.updatedSince);
  let last: { ctx: CallContext; traceId: string | null } | null = null;
  return paginate<GhlContact, ContactsCursor>(
    options.cursor ?? null,
    async (cursor) => {
      const ctx = await locationContext(deps, SEARCH, locationId);
      const { body, traceId } = await deps.transport.call(
        ctx,
        {
          method: 'POST',
          path: '/contacts/search',
          body: contactsSearchBody(
            locationId,
            pageLimit,
            since,
            cursor,
            options.addedRange ?? null,
          ),
          version: VERSION,
        },
        options.signal,
      );
      last = { ctx, traceId };
      const envelope = parseEnvelope(contactsSearchEnvelope, body, last);
      const items = parseRecords(contactSchema, envelope.contacts, 'contacts', last);
      const tail = items.at(-1);
      const next =
        items.length < pageLimit || tail === undefined ? null : { searchAfter: tail.searchAfter };
      return { items, next, total: envelope.total };
    },
    (cursor) => stuckCursorError(last?.ctx ?? null, SEARCH, last?.traceId ?? null, cursor),
  );
}
