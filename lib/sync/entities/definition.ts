import type { z } from 'zod';
import type { GhlClient } from '@/lib/ghl/client';
import type { Page } from '@/lib/ghl/types';
import type { Deleted, PageWrite, Sql } from '../upsert/sql';
import type { Lane } from '../checkpoints';
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

/** Where one cursor of a split read starts: its own filter (`scope`) and position. */
export type LaneStart<C> = {
  /** Unique within the read, e.g. `status:won`; names the lane in logs and tests. */
  key: string;
  /** The lane's filter, JSON (a status, a `dateAdded` range, an offset range); read by `fetchLane`. */
  scope: unknown;
  page: C | null;
};

/**
 * How a complete read of a large location is split into several cursors that run at once
 * (docs/sync.md, "Several cursors per entity"). GHL's cursors are sequential: one keeps one
 * request in flight, a third of a location's budget at ~300 ms per response.
 */
export type SplitRead<R, C> = {
  /**
   * After the first page of a complete read: the lanes that read the rest (together exactly the
   * records after that page), or null to go on as one cursor (a small read).
   */
  plan(first: Page<R, C>, options: { maxLanes: number; now: Date }): LaneStart<C>[] | null;
  /** The pages of one lane from `page` on (null = its start); the last one has `next: null`. */
  fetchLane(
    ghl: GhlClient,
    locationId: string,
    lane: { scope: unknown; page: C | null },
    signal: AbortSignal | undefined,
  ): AsyncIterable<Page<R, C>>;
  /**
   * Whether lane `index` has nothing left that the other lanes (their committed positions) did not
   * read: two lanes reading one list from both ends have met. Absent = a lane reads to its end.
   */
  isCovered?(lanes: readonly Lane[], index: number): boolean;
};

/** Fewest pages left after the first one for a read to be split (fewer: one cursor is enough). */
export const SPLIT_MIN_PAGES = 8;

/** How many lanes `remainingPages` pages make: at least 4 pages each, at most `maxLanes`. */
export function laneCount(remainingPages: number, maxLanes: number): number {
  if (remainingPages < SPLIT_MIN_PAGES || maxLanes < 2) return 1;
  return Math.max(1, Math.min(maxLanes, Math.floor(remainingPages / 4)));
}

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
  /** Several cursors at once for a large complete read; absent = always one cursor. */
  split?: SplitRead<R, C>;
  toRow(record: R): Row;
  /** The record's `dateUpdated` (ISO) for the watermark, when the entity has one. */
  updatedAtOf?: (row: Row) => string | null;
  /** Writes one page in one statement (rows + checkpoint); returns instants whose day may have changed. */
  upsert(sql: Sql, locationId: string, rows: ReadonlyArray<Row>, write: PageWrite): Promise<Date[]>;
  deleteUnseen(sql: Sql, locationId: string, runStartedAt: Date): Promise<Deleted>;
};
