import { z } from 'zod';
import type { GhlOpportunity } from '@/lib/ghl/client';
import { OPPORTUNITIES_PAGE_LIMIT } from '@/lib/ghl/endpoints/opportunities';
import { opportunitiesCursorSchema } from '@/lib/ghl/schemas/cursor';
import type { Lane } from '../checkpoints';
import type { OpportunitiesCursor } from '@/lib/ghl/types';
import { opportunityToRow, type OpportunityRow } from '../transform';
import { deleteUnseenOpportunities, upsertOpportunities } from '../upsert/opportunities';
import { laneCount, SPLIT_MIN_PAGES, type EntityDefinition, type SplitRead } from './definition';

const statusScope = z.enum(['open', 'won', 'lost', 'abandoned']);
const laneScope = z.object({ status: statusScope, order: z.enum(['added_asc', 'added_desc']) });
type LaneScope = z.infer<typeof laneScope>;

/** Creation order of every opportunities read: the cursors of a split read rely on it. */
const ORDER = 'added_desc';

/** The creation time (epoch ms) a lane's committed position stands at, or null before its first page. */
function positionOf(lane: Lane): number | null {
  const parsed = opportunitiesCursorSchema.safeParse(lane.page);
  return parsed.success ? Number(parsed.data.startAfter) : null;
}

/**
 * A large complete read goes on by status after its first page (`status=all`, newest first): one
 * cursor per status from that page's position, so together they list every record after it. A
 * status that the first page's sample says has many pages left (SPLIT_MIN_PAGES) is also read from
 * its oldest record up (`order=added_asc`); the two cursors of a status stop where they meet. A deal whose status changes mid-read can be
 * missed by every lane: a split full read re-reads by id, before deleting, every cached row it did
 * not see (run-entity.ts).
 */
const byStatus: SplitRead<GhlOpportunity, OpportunitiesCursor> = {
  plan(first, { maxLanes }) {
    if (first.next === null || first.total === undefined) return null;
    const remaining = Math.ceil((first.total - first.items.length) / OPPORTUNITIES_PAGE_LIMIT);
    if (laneCount(remaining, maxLanes) < 2) return null;
    const sampled = first.items.length;
    const pagesOf = (status: string) =>
      (remaining * first.items.filter((o) => o.status === status).length) / Math.max(1, sampled);
    return statusScope.options.flatMap((status) => [
      {
        key: `status:${status}`,
        scope: { status, order: ORDER } satisfies LaneScope,
        page: first.next,
      },
      ...(pagesOf(status) >= SPLIT_MIN_PAGES
        ? [
            {
              key: `status:${status}:asc`,
              scope: { status, order: 'added_asc' } satisfies LaneScope,
              page: null,
            },
          ]
        : []),
    ]);
  },
  fetchLane(ghl, locationId, lane, signal) {
    const { status, order } = laneScope.parse(lane.scope);
    return ghl.searchOpportunities(locationId, { cursor: lane.page, status, order, signal });
  },
  isCovered(lanes, index) {
    const lane = lanes[index];
    const scope = laneScope.safeParse(lane?.scope);
    if (!lane || !scope.success) return false;
    const partner = lanes.find((other) => {
      const o = laneScope.safeParse(other.scope);
      return o.success && o.data.status === scope.data.status && o.data.order !== scope.data.order;
    });
    if (!partner) return false;
    // The partner read to its end (or met this lane): the status is read from end to end.
    if (partner.done) return true;
    const mine = positionOf(lane);
    const theirs = positionOf(partner);
    if (mine === null || theirs === null) return false;
    // Strictly past each other: every creation time is at or below the ascending lane's position
    // or at or above the descending one's (ties broken by id need no guess about GHL's id order).
    return scope.data.order === 'added_asc' ? mine > theirs : theirs > mine;
  },
};

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
      order: ORDER,
    }),
  split: byStatus,
  toRow: opportunityToRow,
  upsert: upsertOpportunities,
  deleteUnseen: deleteUnseenOpportunities,
};
