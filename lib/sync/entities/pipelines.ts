import { z } from 'zod';
import type { GhlPipeline } from '@/lib/ghl/client';
import type { Sql } from '../upsert/sql';
import { pipelineToRow, type PipelineRow } from '../transform';
import { deleteUnseenPipelines, upsertPipelines } from '../upsert/pipelines';
import type { EntityDefinition } from './definition';

/**
 * Pipelines and stages: one request lists them all, so every read is complete and reconciles
 * deletions. Incremental runs skip the request while the copy is fresh (see
 * `pipelinesNeedRefresh`); opportunities that name an unknown pipeline or stage force a refresh.
 */
export const pipelinesEntity: EntityDefinition<GhlPipeline, PipelineRow, null> = {
  entity: 'pipelines',
  cursorSchema: z.null(),
  supportsUpdatedSince: false,
  reconcileEveryRun: true,
  feedsRollups: false,
  fetch: (ghl, locationId, { signal }) => ({
    async *[Symbol.asyncIterator]() {
      yield { items: await ghl.listPipelines(locationId, { signal }), next: null };
    },
  }),
  toRow: pipelineToRow,
  upsert: upsertPipelines,
  deleteUnseen: deleteUnseenPipelines,
};

/** How long an incremental run trusts the cached pipelines (the nightly full always refreshes). */
export const PIPELINES_MAX_AGE_MS = 6 * 3_600_000;

/**
 * Whether an incremental run must re-read pipelines: never synced, older than
 * PIPELINES_MAX_AGE_MS, or some cached opportunity names a pipeline or stage not cached.
 */
export async function pipelinesNeedRefresh(
  sql: Sql,
  locationId: string,
  lastSuccessAt: Date | null,
  now: Date,
): Promise<boolean> {
  if (!lastSuccessAt || now.getTime() - lastSuccessAt.getTime() > PIPELINES_MAX_AGE_MS) return true;
  const [row] = await sql.$queryRaw<Array<{ unknown: boolean }>>`
    SELECT EXISTS (
      SELECT 1 FROM opportunities o
      WHERE o.location_id = ${locationId}
        AND (NOT EXISTS (SELECT 1 FROM pipelines p WHERE p.location_id = o.location_id AND p.id = o.pipeline_id)
          OR (o.stage_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM pipeline_stages s WHERE s.location_id = o.location_id AND s.id = o.stage_id)))
    ) AS unknown`;
  return row?.unknown ?? true;
}
