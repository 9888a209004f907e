import type { z } from 'zod';
import type { GhlClient } from '@/lib/ghl/client';
import type { Page } from '@/lib/ghl/types';
import type { Deleted, PageWrite, Sql } from '../upsert/sql';
import type { SyncEntity } from '../types';

/**
 * Which part of an entity a tiered incremental run reads (docs/sync.md, "Tiered incremental"):
 * `open` = only records in the open state (opportunities: `status=open`), `recent` = only records
 * created since `updatedSince` (payments: `startAt`). Null = everything (or, with `updatedSince`,
 * what changed since then, for entities that can filter by update).
 */
export type ReadTier = 'open' | 'recent';

/** What an entity's `fetch` is given: where to resume and, for incremental reads, since when. */
export type EntityFetchOptions<C> = {
  cursor: C | null;
  /** Lower bound of the read: `dateUpdated` (contacts) or, with tier `recent`, the creation date. */
  updatedSince: Date | null;
  tier: ReadTier | null;
  signal?: AbortSignal;
};

/**
 * One entity's fetch → transform → upsert, as data. `lib/sync/run-entity.ts` drives it page by
 * page with checkpoints; the definitions hold only what differs between entities.
 */
export type EntityDefinition<R, Row extends { id: string }, C> = {
  entity: SyncEntity;
  /** Validates a stored cursor before handing it back to the client. */
  cursorSchema: z.ZodType<C>;
  /** The API can filter by an updated-since watermark (incremental reads only changes). */
  supportsUpdatedSince: boolean;
  /**
   * Every read is complete and rewrites every row, so rows it did not see were deleted upstream —
   * reconciled on every read, not only by `--full` (pipelines: one request lists them all).
   */
  reconcileEveryRun: boolean;
  /** Changes move daily rollups (the sync then calls recomputeDailyRollups). */
  feedsRollups: boolean;
  /**
   * What an incremental run reads once the entity was read completely before (tiered incremental):
   * `open` — the open records, then by id the cached open ones that were not listed (they closed or
   * were deleted since); `recent` — the records created in the last `recentDays` days. Absent =
   * everything (or updated-since with `supportsUpdatedSince`); `none` — skipped by incremental runs
   * once read (nothing reports on it yet). Older changes wait for the nightly full.
   */
  incrementalTier?: ReadTier | 'none';
  fetch(
    ghl: GhlClient,
    locationId: string,
    options: EntityFetchOptions<C>,
  ): AsyncIterable<Page<R, C>>;
  toRow(record: R): Row;
  /** The record's `dateUpdated` (ISO) for the watermark, when the entity has one. */
  updatedAtOf?: (row: Row) => string | null;
  /** Writes one page in one statement (rows + checkpoint); returns instants whose day may have changed. */
  upsert(sql: Sql, locationId: string, rows: ReadonlyArray<Row>, write: PageWrite): Promise<Date[]>;
  deleteUnseen(sql: Sql, locationId: string, runStartedAt: Date): Promise<Deleted>;
};
