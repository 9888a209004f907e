import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import type { HttpFetch } from '@/lib/ghl/http';
import { createSyncRuntime, type SyncRuntime } from '@/lib/sync/create-sync-context';
import { setLocationToken } from '@/lib/sync/location-tokens';
import { runSync, type RunSyncResult } from '@/lib/sync/run-sync';
import type { SyncEvents } from '@/lib/sync/context';
import { startSimulator, type Simulator, type SimulatorOptions } from '@/sim/server';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

/** A short rate window keeps tests fast while still exercising the limiter (100 per 200 ms). */
export const FAST_RATE = { max: 100, intervalMs: 200, daily: 1_000_000 };

/** Small worlds: a handful of records per entity, a few pages of contacts for the first one. */
export const SMALL_SIZES = (index: number) =>
  index === 0
    ? { contacts: 1_150, opportunities: 230, transactions: 120, orders: 30, subscriptions: 12 }
    : {
        contacts: 60 + index * 7,
        opportunities: 25 + index,
        transactions: 15,
        orders: 5,
        subscriptions: 3,
      };

export type SyncHarness = {
  t: TestDatabase;
  db: Db;
  sim: Simulator;
  key: Buffer;
  /** A fresh runtime (new client and call log) for the current sim and database. */
  runtime(events?: SyncEvents, client?: { fetch?: HttpFetch }): Promise<SyncRuntime>;
  close(): Promise<void>;
};

/** A migrated database of its own and an in-process simulator (fast rate window). */
export async function createHarness(sim: SimulatorOptions = {}): Promise<SyncHarness> {
  const t = await createTestDatabase();
  const simulator = await startSimulator({
    seed: 7,
    locations: 4,
    rateLimit: FAST_RATE,
    sizes: SMALL_SIZES,
    ...sim,
  });
  const key = randomBytes(32);
  const runtimes: SyncRuntime[] = [];
  return {
    t,
    db: t.db,
    sim: simulator,
    key,
    async runtime(events, client) {
      const runtime = await createSyncRuntime({
        db: t.db,
        databaseUrl: t.url,
        ghl: {
          baseUrl: simulator.url,
          agencyToken: simulator.agencyToken,
          companyId: simulator.companyId,
        },
        encryptionKey: key,
        events,
        client: { retry: { baseDelayMs: 20, maxDelayMs: 200 }, ...client },
        callLogFlushMs: 200,
      });
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      for (const r of runtimes) await r.close().catch(() => undefined);
      await simulator.close();
      await t.drop();
    },
  };
}

/** Stores the simulator's own PIT for each location, as an admin would in strict mode. */
export async function giveOwnTokens(h: SyncHarness, locationIds: readonly string[]): Promise<void> {
  for (const id of locationIds)
    await setLocationToken(h.db, id, h.sim.world.locationToken(id), h.key);
}

/** One full sync of every location on a fresh runtime (closed after), as the worker runs it. */
export async function fullSync(h: SyncHarness, concurrency = 3): Promise<RunSyncResult> {
  const runtime = await h.runtime();
  try {
    return await runSync(runtime.ctx, { mode: 'full', concurrency, trigger: 'test' });
  } finally {
    await runtime.close();
  }
}

/** Cached ids of one entity of one location, sorted. */
export async function cachedIds(
  db: Db,
  table: 'contacts' | 'opportunities' | 'transactions' | 'orders' | 'subscriptions',
  locationId: string,
): Promise<string[]> {
  const rows =
    table === 'contacts'
      ? await db.contact.findMany({ where: { locationId }, select: { id: true } })
      : table === 'opportunities'
        ? await db.opportunity.findMany({ where: { locationId }, select: { id: true } })
        : table === 'transactions'
          ? await db.transaction.findMany({ where: { locationId }, select: { id: true } })
          : table === 'orders'
            ? await db.order.findMany({ where: { locationId }, select: { id: true } })
            : await db.subscription.findMany({ where: { locationId }, select: { id: true } });
  return rows.map((r) => r.id).sort();
}

/** The simulator's ids of one entity of one location, sorted (compare with `cachedIds`). */
export function truthIds(
  sim: Simulator,
  table: 'contacts' | 'opportunities' | 'transactions' | 'orders' | 'subscriptions',
  locationId: string,
): string[] {
  return sim.world
    .records(locationId, table)
    .map((record) => ('_id' in record ? String(record._id) : String(record.id)))
    .sort();
}
