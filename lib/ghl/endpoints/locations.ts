import {
  companyContext,
  stuckCursorError,
  VERSION_2021_07_28,
  type EndpointDeps,
} from '../context';
import { paginate } from '../paginate';
import {
  locationGetEnvelope,
  locationSchema,
  locationsSearchEnvelope,
  type GhlLocation,
} from '../schemas/location';
import { parseEnvelope, parseRecord, parseRecords } from '../schemas/parse';
import type { CallContext, LocationsCursor, Page } from '../types';

const SEARCH = 'GET /locations/search';
const GET = 'GET /locations/{locationId}';
const VERSION = VERSION_2021_07_28;
/** Page size for discovery; the spec's default is 10 and documents no maximum. */
export const LOCATIONS_PAGE_SIZE = 100;

export type SearchLocationsOptions = { cursor?: LocationsCursor | null; signal?: AbortSignal };

/**
 * Lists the agency's sub-accounts with the agency token (company bucket): `skip`/`limit=100`,
 * `order=asc`, until a short page (the endpoint returns no total).
 */
export function searchLocations(
  deps: EndpointDeps,
  options: SearchLocationsOptions = {},
): AsyncGenerator<Page<GhlLocation, LocationsCursor>, void, undefined> {
  let last: { ctx: CallContext; traceId: string | null } | null = null;
  return paginate<GhlLocation, LocationsCursor>(
    options.cursor ?? null,
    async (cursor) => {
      const ctx = await companyContext(deps, SEARCH, null);
      const skip = cursor?.skip ?? 0;
      const { body, traceId } = await deps.transport.call(
        ctx,
        {
          method: 'GET',
          path: '/locations/search',
          query: {
            companyId: deps.credentials.companyId,
            skip,
            limit: LOCATIONS_PAGE_SIZE,
            order: 'asc',
          },
          version: VERSION,
        },
        options.signal,
      );
      last = { ctx, traceId };
      const envelope = parseEnvelope(locationsSearchEnvelope, body, last);
      const items = parseRecords(locationSchema, envelope.locations, 'locations', last);
      const isLast = items.length < LOCATIONS_PAGE_SIZE;
      return { items, next: isLast ? null : { skip: skip + items.length } };
    },
    (cursor) => stuckCursorError(last?.ctx ?? null, SEARCH, last?.traceId ?? null, cursor),
  );
}

/** Reads one sub-account (timezone, companyId, …) with the agency token. */
export async function getLocation(
  deps: EndpointDeps,
  locationId: string,
  options: { signal?: AbortSignal } = {},
): Promise<GhlLocation> {
  const ctx = await companyContext(deps, GET, locationId);
  const { body, traceId } = await deps.transport.call(
    ctx,
    { method: 'GET', path: `/locations/${encodeURIComponent(locationId)}`, version: VERSION },
    options.signal,
  );
  const source = { ctx, traceId };
  const envelope = parseEnvelope(locationGetEnvelope, body, source);
  return parseRecord(locationSchema, envelope.location, 'location', source);
}
