import { GhlBadPayloadError } from '../errors';
import {
  locationContext,
  stuckCursorError,
  VERSION_2021_07_28,
  type EndpointDeps,
} from '../context';
import { paginate } from '../paginate';
import {
  opportunitiesSearchEnvelope,
  opportunitySchema,
  type GhlOpportunity,
} from '../schemas/opportunity';
import { parseEnvelope, parseRecords } from '../schemas/parse';
import type { CallContext, OpportunitiesCursor, Page } from '../types';

const SEARCH = 'GET /opportunities/search';
const VERSION = VERSION_2021_07_28;
/** The documented maximum of `limit`. */
export const OPPORTUNITIES_PAGE_LIMIT = 100;

/** The documented `status` filter values. */
export type OpportunityStatusFilter = 'open' | 'won' | 'lost' | 'abandoned' | 'all';

export type SearchOpportunitiesOptions = {
  cursor?: OpportunitiesCursor | null;
  /** Default `all`; a cursor only resumes the same status. */
  status?: OpportunityStatusFilter;
  /** Creation order (`order`); absent = not sent (GHL's default). A cursor only resumes the same order. */
  order?: 'added_asc' | 'added_desc';
  signal?: AbortSignal;
};

/**
 * Pages through the opportunities of a location (`status`, default `all`; `limit=100`) with the
 * `startAfter`/`startAfterId` cursor from `meta`; `location_id` is sent on every page.
 * Stops when `meta.nextPageUrl` is null or a page is short.
 */
export function searchOpportunities(
  deps: EndpointDeps,
  locationId: string,
  options: SearchOpportunitiesOptions = {},
): AsyncGenerator<Page<GhlOpportunity, OpportunitiesCursor>, void, undefined> {
  let last: { ctx: CallContext; traceId: string | null } | null = null;
  return paginate<GhlOpportunity, OpportunitiesCursor>(
    options.cursor ?? null,
    async (cursor) => {
      const ctx = await locationContext(deps, SEARCH, locationId);
      const { body, traceId } = await deps.transport.call(
        ctx,
        {
          method: 'GET',
          path: '/opportunities/search',
          query: {
            location_id: locationId,
            status: options.status ?? 'all',
            order: options.order,
            limit: OPPORTUNITIES_PAGE_LIMIT,
            startAfter: cursor === null ? undefined : String(cursor.startAfter),
            startAfterId: cursor?.startAfterId,
          },
          version: VERSION,
        },
        options.signal,
      );
      last = { ctx, traceId };
      const envelope = parseEnvelope(opportunitiesSearchEnvelope, body, last);
      const items = parseRecords(opportunitySchema, envelope.opportunities, 'opportunities', last);
      const { meta } = envelope;
      const total = meta.total;
      if (items.length < OPPORTUNITIES_PAGE_LIMIT || !meta.nextPageUrl)
        return { items, next: null, total };
      if (meta.startAfter === null || meta.startAfter === undefined || !meta.startAfterId) {
        throw new GhlBadPayloadError({
          endpoint: SEARCH,
          locationId,
          status: null,
          ghlMessage: null,
          traceId,
          tokenKind: ctx.tokenKind,
          tokenFingerprint: ctx.tokenFingerprint,
          recordId: null,
          fieldPath: meta.startAfterId ? 'meta.startAfter' : 'meta.startAfterId',
          problem: 'meta.nextPageUrl announces another page but the cursor fields are missing',
        });
      }
      return {
        items,
        next: { startAfter: meta.startAfter, startAfterId: meta.startAfterId },
        total,
      };
    },
    (cursor) => stuckCursorError(last?.ctx ?? null, SEARCH, last?.traceId ?? null, cursor),
  );
}
