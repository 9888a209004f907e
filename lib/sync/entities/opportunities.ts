import type { GhlOpportunity } from '@/lib/ghl/client';
import { opportunitiesCursorSchema } from '@/lib/ghl/schemas/cursor';
import type { OpportunitiesCursor } from '@/lib/ghl/types';
import { opportunityToRow, type OpportunityRow } from '../transform';
import { deleteUnseenOpportunities, upsertOpportunities } from '../upsert/opportunities';
import type { EntityDefinition } from './definition';

/**
 * Opportunities: `GET /opportunities/search?status=all` has no updated-since filter and sorts only
 * by creation, and a status change can happen to any opportunity, so every run re-reads all of
 * them (100 per request). Only rows whose data changed are written (and only their days
 * recomputed); `--full` rewrites every row and deletes the ones GHL no longer lists.
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
  fetch: (ghl, locationId, { cursor, signal }) =>
    ghl.searchOpportunities(locationId, { cursor, signal }),
  toRow: opportunityToRow,
  upsert: upsertOpportunities,
  deleteUnseen: deleteUnseenOpportunities,
};
