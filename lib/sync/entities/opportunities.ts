import { z } from 'zod';
import type { GhlOpportunity } from '@/lib/ghl/client';
import { OPPORTUNITIES_PAGE_LIMIT } from '@/lib/ghl/endpoints/opportunities';
import { opportunitiesCursorSchema } from '@/lib/ghl/schemas/cursor';
import type { OpportunitiesCursor } from '@/lib/ghl/types';
import { opportunityToRow, type OpportunityRow } from '../transform';
import { deleteUnseenOpportunities, upsertOpportunities } from '../upsert/opportunities';
import { laneCount, type EntityDefinition, type SplitRead } from './definition';

const statusScope = z.enum(['open', 'won', 'lost', 'abandoned']);

/**
 * A large complete read goes on by status after its first `status=all` page: four cursors, each
 * from that page's position (same creation order), so together they list every record after it.
 * A deal whose status changes mid-read can be missed by both lanes: a split full read re-reads
 * by id, before deleting, every cached row it did not see (run-entity.ts).
 */
const byStatus: SplitRead<GhlOpportunity, OpportunitiesCursor> = {
  plan(first, { maxLanes }) {
    if (first.next === null || first.total === undefined) return null;
    const remaining = Math.ceil((first.total - first.items.length) / OPPORTUNITIES_PAGE_LIMIT);
    if (laneCount(remaining, maxLanes) < 2) return null;
    return statusScope.options.map((status) => ({
      key: `status:${status}`,
      scope: status,
      page: first.next,
    }));
  },
  fetchLane: (ghl, locationId, lane, signal) =>
    ghl.searchOpportunities(locationId, {
      cursor: lane.page,
      status: statusScope.parse(lane.scope),
      signal,
    }),
};

/**
 * Opportunities: `GET /opportunities/search` has no updated-since filter and sorts only by
 * creation. A full run reads `status=all` (100 per request), rewrites every row and deletes the
 * ones GHL no longer lists. An incremental run is tiered: it reads the `status=open` pages (new
 * deals, value and stage edits, deals reopened), then re-reads by id the cached open deals those
 * pages did not list — they were won, lost, abandoned or deleted since (run-entity.ts). Edits to a
 * deal that was already closed wait for its webhook or the nightly full. Only rows whose data
 * changed are written (and only their days recomputed).
 */
export const opportunitiesEntity: EntityDefinition<
  GhlOpportunity,
  OpportunityRow,
  OpportunitiesCursor
> = {
  entity: 'opportunities',
  cursorSchema: opportunitiesCursorSchema,
  supportsUpdatedSince: false,
  reconcileEveryRun: false,
  feedsRollups: true,
  incrementalTier: 'open',
  fetch: (ghl, locationId, { cursor, tier, signal }) =>
    ghl.searchOpportunities(locationId, {
      cursor,
      signal,
      status: tier === 'open' ? 'open' : 'all',
    }),
  split: byStatus,
  toRow: opportunityToRow,
  upsert: upsertOpportunities,
  deleteUnseen: deleteUnseenOpportunities,
};
