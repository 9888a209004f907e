import 'server-only';
import type { OpportunityRow } from '../transform';
import { Prisma } from '@/lib/db/generated/client';
import {
  COUNT_ONLY,
  instantsOf,
  type ChangedInstants,
  type Deleted,
  type PageWrite,
  type Sql,
} from './sql';

/**
 * Upserts one page of opportunities in one statement (with the page's checkpoint CTE) and returns
 * the instants whose local day may have changed: old and new `createdAt` / `lastStatusChangeAt` of
 * rows that are new or whose status, value or those dates changed. An unchanged re-read touches
 * no day (and, outside full runs, rewrites no row).
 */
export async function upsertOpportunities(
  sql: Sql,
  locationId: string,
  rows: ReadonlyArray<OpportunityRow>,
  write: PageWrite,
): Promise<Date[]> {
  if (rows.length === 0) return [];
  const changed = await sql.$queryRaw<ChangedInstants[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.pipelineId)}::text[],
        ${rows.map((r) => r.stageId)}::text[], ${rows.map((r) => r.status)}::text[],
        ${rows.map((r) => r.monetaryValue)}::numeric[], ${rows.map((r) => r.source)}::text[],
        ${rows.map((r) => r.createdAt)}::timestamptz[], ${rows.map((r) => r.updatedAt)}::timestamptz[],
        ${rows.map((r) => r.lastStatusChangeAt)}::timestamptz[]
      ) AS u(id, pipeline_id, stage_id, status, monetary_value, source, created_at, updated_at, last_status_change_at)
    ), old AS (
      SELECT o.id, o.status, o.monetary_value, o.created_at, o.last_status_change_at FROM opportunities o
      WHERE o.location_id = ${locationId} AND o.id IN (SELECT id FROM input)
    ), up AS (
      INSERT INTO opportunities AS o (location_id, id, pipeline_id, stage_id, status, monetary_value, source,
        created_at, updated_at, last_status_change_at, seen_at)
      SELECT ${locationId}, id, pipeline_id, stage_id, status, monetary_value, source,
        created_at, updated_at, last_status_change_at, ${write.seenAt} FROM input
      ON CONFLICT (location_id, id) DO UPDATE SET
        pipeline_id = EXCLUDED.pipeline_id, stage_id = EXCLUDED.stage_id, status = EXCLUDED.status,
        monetary_value = EXCLUDED.monetary_value, source = EXCLUDED.source, created_at = EXCLUDED.created_at,
        updated_at = EXCLUDED.updated_at, last_status_change_at = EXCLUDED.last_status_change_at,
        seen_at = EXCLUDED.seen_at
      WHERE ${write.rewriteUnchanged}
        OR (o.pipeline_id, o.stage_id, o.status, o.monetary_value, o.source, o.created_at, o.updated_at, o.last_status_change_at)
           IS DISTINCT FROM (EXCLUDED.pipeline_id, EXCLUDED.stage_id, EXCLUDED.status, EXCLUDED.monetary_value,
             EXCLUDED.source, EXCLUDED.created_at, EXCLUDED.updated_at, EXCLUDED.last_status_change_at)
      RETURNING id, status, monetary_value, created_at, last_status_change_at
    )${write.also}
    ${
      write.wantInstants
        ? Prisma.sql`
    SELECT old.created_at AS old_a, old.last_status_change_at AS old_b,
             up.created_at AS new_a, up.last_status_change_at AS new_b
      FROM up LEFT JOIN old ON old.id = up.id
      WHERE old.id IS NULL
         OR (old.status, old.monetary_value, old.created_at, old.last_status_change_at)
            IS DISTINCT FROM (up.status, up.monetary_value, up.created_at, up.last_status_change_at)`
        : COUNT_ONLY
    }`;
  return write.wantInstants ? instantsOf(changed) : [];
}

/** Deletes opportunities a complete read did not see; returns their instants. */
export async function deleteUnseenOpportunities(
  sql: Sql,
  locationId: string,
  runStartedAt: Date,
): Promise<Deleted> {
  const rows = await sql.$queryRaw<Array<{ old_a: Date; old_b: Date | null }>>`
    DELETE FROM opportunities WHERE location_id = ${locationId} AND seen_at < ${runStartedAt}
    RETURNING created_at AS old_a, last_status_change_at AS old_b`;
  return { count: rows.length, instants: instantsOf(rows) };
}
