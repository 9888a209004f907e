import type { GhlOpportunity } from '@/lib/ghl/client';
import { opportunitiesCursorSchema } from '@/lib/ghl/schemas/cursor';
import type { OpportunitiesCursor } from '@/lib/ghl/types';
import { opportunityToRow, type OpportunityRow } from '../transform';
import { deleteUnseenOpportunities, upsertOpportunities } from '../upsert/opportunities';
import type { EntityDefinition } from './definition';

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
  toRow: opportunityToRow,
  upsert: upsertOpportunities,
  deleteUnseen: deleteUnseenOpportunities,
};
