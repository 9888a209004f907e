import 'server-only';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import type { Sql } from './upsert/sql';
import { syncModeSchema, type SyncEntity, type SyncMode } from './types';

/**
 * Per (location, entity) progress in `sync_checkpoints`. While a run is in progress the row holds
 * its id, mode, start time (what `seenAt` is set to) and `cursor` = the client cursor after the
 * last committed page, written in the same transaction as that page's rows; so a killed worker
 * resumes exactly after the last committed page. Between runs: `watermark`, `lastSuccessAt`,
 * `lastFullAt`.
 */

/** One cursor of a split read (docs/sync.md, "Several cursors per entity"). */
export const laneSchema = z.object({
  key: z.string(),
  /** The lane's own filter (a status, a `dateAdded` range, an offset range). */
  scope: z.unknown(),
  /** The client cursor to resume this lane after, or null to start it at its beginning. */
  page: z.unknown().nullable(),
  done: z.boolean(),
});
export type Lane = z.infer<typeof laneSchema>;

/** What `cursor` stores while a run is in progress. */
export const progressSchema = z.object({
  /** The client cursor to resume after, or null to start at the beginning. */
  page: z.unknown().nullable(),
  /** Every page was committed; only deletions, rollups and the final update remain. */
  done: z.boolean(),
  /**
   * The lower bound of this run's filter, ISO: `dateUpdated` (contacts, incremental) or the
   * creation date (tier `recent`); null = no bound.
   */
  since: z.string().nullable(),
  /**
   * Tiered incremental read (`open`: open records + closed ones by id; `recent`: created since
   * `since`); null = the entity's whole list. Only a read with neither tier nor `since` is complete.
   */
  tier: z.enum(['open', 'recent']).nullable().default(null),
  /**
   * A split read: after the first page (whose position `page` keeps) the rest is read by these
   * cursors at once, each resumed from its own committed position; null = one cursor.
   */
  lanes: z.array(laneSchema).nullable().default(null),
  /** Greatest `dateUpdated` seen so far this run (becomes the next watermark). */
  maxUpdated: z.string().nullable(),
  pages: z.number().int().nonnegative(),
});
export type Progress = z.infer<typeof progressSchema>;

export type Checkpoint = {
  runId: string | null;
  mode: SyncMode | null;
  runStartedAt: Date | null;
  progress: Progress | null;
  watermark: Date | null;
  lastSuccessAt: Date | null;
  lastFullAt: Date | null;
  recordsSeen: number;
};

/** Reads a checkpoint; a stored cursor that no longer parses counts as no run in progress. */
export async function loadCheckpoint(
  db: Db,
  locationId: string,
  entity: SyncEntity,
): Promise<Checkpoint | null> {
  const row = await db.syncCheckpoint.findUnique({
    where: { locationId_entity: { locationId, entity } },
  });
  if (!row) return null;
  const parsed = progressSchema.safeParse(row.cursor);
  // A mode this code does not know (or none) is a checkpoint with no run to resume.
  const mode = syncModeSchema.safeParse(row.mode).data ?? null;
  return {
    runId: row.runId,
    mode,
    runStartedAt: row.runStartedAt,
    progress: row.runStartedAt && parsed.success ? parsed.data : null,
    watermark: row.watermark,
    lastSuccessAt: row.lastSuccessAt,
    lastFullAt: row.lastFullAt,
    recordsSeen: row.recordsSeen,
  };
}

/** Marks the start of a fresh entity run (committed before the first page is requested). */
export async function beginEntityRun(
  sql: Sql,
  key: { locationId: string; entity: SyncEntity },
  run: { runId: string | null; mode: SyncMode; runStartedAt: Date; progress: Progress },
): Promise<void> {
  await sql.$executeRaw`
    INSERT INTO sync_checkpoints (location_id, entity, run_id, mode, cursor, run_started_at, records_seen, updated_at)
    VALUES (${key.locationId}, ${key.entity}, ${run.runId}::uuid, ${run.mode}, ${JSON.stringify(run.progress)}::jsonb,
      ${run.runStartedAt}, 0, now())
    ON CONFLICT (location_id, entity) DO UPDATE SET
      run_id = EXCLUDED.run_id, mode = EXCLUDED.mode, cursor = EXCLUDED.cursor,
      run_started_at = EXCLUDED.run_started_at, records_seen = 0, updated_at = now()`;
}

/** Moves the cursor after a committed page; call inside the page's transaction. */
export async function savePageProgress(
  sql: Sql,
  key: { locationId: string; entity: SyncEntity },
  progress: Progress,
  records: number,
): Promise<void> {
  await sql.$executeRaw`
    UPDATE sync_checkpoints
    SET cursor = ${JSON.stringify(progress)}::jsonb, records_seen = records_seen + ${records}, updated_at = now()
    WHERE location_id = ${key.locationId} AND entity = ${key.entity}`;
}

/**
 * The same cursor move as `savePageProgress`, as a data-modifying CTE (`, page_checkpoint AS (…)`)
 * that the page's upsert statement carries: rows and cursor then commit in one statement, which is
 * atomic on its own — no interactive transaction, one round trip per page.
 */
export function pageProgressCte(
  key: { locationId: string; entity: SyncEntity },
  progress: Progress,
  records: number,
): Prisma.Sql {
  return Prisma.sql`, page_checkpoint AS (
    UPDATE sync_checkpoints
    SET cursor = ${JSON.stringify(progress)}::jsonb, records_seen = records_seen + ${records}, updated_at = now()
    WHERE location_id = ${key.locationId} AND entity = ${key.entity}
    RETURNING 1)`;
}

/** Closes a completed entity run: clears the cursor, sets the watermark and success times. */
export async function completeEntityRun(
  sql: Sql,
  key: { locationId: string; entity: SyncEntity },
  result: { mode: SyncMode; watermark: Date | null; finishedAt: Date },
): Promise<void> {
  const isFull = result.mode === 'full';
  await sql.$executeRaw`
    UPDATE sync_checkpoints SET
      run_id = NULL, mode = NULL, cursor = NULL, run_started_at = NULL,
      watermark = ${result.watermark}, last_success_at = ${result.finishedAt},
      last_full_at = CASE WHEN ${isFull} THEN ${result.finishedAt} ELSE last_full_at END,
      updated_at = now()
    WHERE location_id = ${key.locationId} AND entity = ${key.entity}`;
}
