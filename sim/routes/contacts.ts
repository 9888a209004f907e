import type { Contact, Stored } from '../world/types';
import { parseContactSearch } from './contacts-query';
import { cachedView, compareKeyThenId, positionAfter } from './params';
import type { RequestInfo, Route } from './types';

function bodyLocation(req: RequestInfo): string | undefined {
  const body = req.body as { locationId?: unknown } | null;
  return typeof body?.locationId === 'string' ? body.locationId : undefined;
}

/**
 * `POST /contacts/search` → `{ contacts, total, traceId }`. Each contact carries
 * `searchAfter: [sortValue, id]`; results are ordered by the sort field, ties by id.
 */
const search: Route = {
  method: 'POST',
  pattern: /^\/contacts\/search$/,
  endpoint: 'contacts.search',
  resource: bodyLocation,
  handle(ctx) {
    const request = parseContactSearch(ctx.body);
    const location = ctx.authorize('contacts', request.locationId);
    const store = ctx.world.store(location.id, 'contacts');
    const { field, direction } = request.sort;
    const descending = direction === 'desc';
    const keyOf = (s: Stored): number => (field === 'dateAdded' ? s.added : s.updated);
    const sorted = cachedView(store.queryCache, `contacts:${request.cacheKey}`, () =>
      (store.list as Stored<Contact>[])
        .filter(request.matches)
        .sort((a, b) => compareKeyThenId(keyOf(a), a.id, keyOf(b), b.id, descending)),
    );
    let start = ((request.page ?? 1) - 1) * request.pageLimit;
    const cursor = request.searchAfter;
    if (cursor) {
      start = positionAfter(
        sorted,
        (s) => compareKeyThenId(keyOf(s), s.id, cursor[0], cursor[1], descending) > 0,
      );
    }
    const page = sorted.slice(start, start + request.pageLimit);
    const contacts = ctx.serve('contacts', location.id, page, (stored) => ({
      searchAfter: [keyOf(stored), stored.id],
    }));
    return { contacts, total: sorted.length };
  },
};

export const contactRoutes: Route[] = [search];
