import { expect } from 'vitest';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { runSync, type RunSyncResult } from '@/lib/sync/run-sync';
import type { SyncMode } from '@/lib/sync/types';
import { cachedIds, type SyncHarness, truthIds } from './helpers';

// The set-up the kill-and-resume tests share (resume.test.ts, split-read.test.ts): an empty cache,
// a sync that crashes at a given page, the resumed sync, and the exact comparison with the sim.

type Table = Parameters<typeof cachedIds>[1];

/** Every cached entity table, in sync order. */
export const TABLES = [
  'contacts',
  'opportunities',
  'transactions',
  'orders',
  'subscriptions',
] as const satisfies readonly Table[];

/** The simulator's location at `index` (throws when the world has fewer). */
export function simLocation(h: SyncHarness, index: number) {
  const found = h.sim.world.locations[index];
  if (!found) throw new Error('no location');
  return found;
}

/** Empties the cache, its checkpoints and rollups; the simulator's world stays as it is. */
export async function resetCache(h: SyncHarness): Promise<void> {
  await h.db
    .$executeRaw`TRUNCATE contacts, opportunities, pipelines, pipeline_stages, transactions, orders, subscriptions,
    sync_checkpoints, location_access, daily_rollups`;
}

/**
 * The cache holds exactly the simulator's ids of `tables` for the location, and its daily rollups
 * equal a recomputation from scratch.
 */
export async function expectExactCache(
  h: SyncHarness,
  locationId: string,
  tables: readonly Table[] = TABLES,
): Promise<void> {
  for (const table of tables)
    expect(await cachedIds(h.db, table, locationId)).toEqual(truthIds(h.sim, table, locationId));
  const order = [{ day: 'asc' as const }, { currency: 'asc' as const }];
  const rollups = await h.db.dailyRollup.findMany({ where: { locationId }, orderBy: order });
  await recomputeDailyRollups(h.db, locationId, 'all');
  expect(await h.db.dailyRollup.findMany({ where: { locationId }, orderBy: order })).toEqual(
    rollups,
  );
}

/**
 * Syncs one location on a runtime whose page hook throws once, at the `page`th page of `entity`;
 * expects the sync to fail with that crash (thrown exactly once) and returns the checkpoint of
 * `entity` it left behind.
 */
export async function crashAt(
  h: SyncHarness,
  options: { mode: SyncMode; locationId: string; entity: Table; page: number },
) {
  let thrown = 0;
  const crashing = await h.runtime({
    onPage: (e) => {
      if (e.entity === options.entity && e.pages === options.page) {
        thrown += 1;
        throw new Error('simulated crash');
      }
    },
  });
  await expect(
    runSync(crashing.ctx, {
      mode: options.mode,
      concurrency: 1,
      locationId: options.locationId,
      trigger: 'test',
    }),
  ).rejects.toThrow('simulated crash');
  expect(thrown).toBe(1);
  return h.db.syncCheckpoint.findUniqueOrThrow({
    where: { locationId_entity: { locationId: options.locationId, entity: options.entity } },
  });
}

/** The resumed sync of one location on a fresh runtime, with the simulator's counts reset first. */
export async function resumeSync(
  h: SyncHarness,
  options: { mode: SyncMode; locationId: string },
): Promise<RunSyncResult> {
  h.sim.resetStats();
  const runtime = await h.runtime();
  return runSync(runtime.ctx, {
    mode: options.mode,
    concurrency: 1,
    locationId: options.locationId,
    trigger: 'test',
  });
}
