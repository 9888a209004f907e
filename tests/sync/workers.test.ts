import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSyncAgency, sendSyncLocation } from '@/lib/sync/jobs/definitions';
import { startSyncWorker, type SyncWorker } from '@/lib/sync/jobs/worker';
import { busyLocations, LocationBusyError, tryLockLocation } from '@/lib/sync/location-lock';
import { syncLocationLocked } from '@/lib/sync/sync-location-locked';
import { cachedIds, createHarness, type SyncHarness, truthIds } from './helpers';

type Interval = { worker: string; locationId: string; start: number; end: number };

let h: SyncHarness;
const workers: SyncWorker[] = [];
const jobsByWorker = new Map<string, Array<{ queue: string; result?: unknown; error?: unknown }>>();
const intervals: Interval[] = [];

async function startWorker(name: string): Promise<SyncWorker> {
  const open = new Map<string, number>();
  const runtime = await h.runtime({
    onPage: (e) => {
      if (!open.has(e.locationId)) open.set(e.locationId, Date.now());
    },
    onLocation: (o) => {
      const start = open.get(o.locationId);
      open.delete(o.locationId);
      if (start !== undefined)
        intervals.push({ worker: name, locationId: o.locationId, start, end: Date.now() });
    },
  });
  jobsByWorker.set(name, []);
  const worker = await startSyncWorker({
    ctx: runtime.ctx,
    databaseUrl: h.t.url,
    concurrency: 2,
    schedule: null,
    pollingIntervalSeconds: 0.5,
    onJob: (e) => jobsByWorker.get(name)?.push(e),
  });
  workers.push(worker);
  return worker;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  h = await createHarness({ mode: 'seed', locations: 6, latencyMs: 15 });
  await startWorker('w1');
  await startWorker('w2');
});
afterAll(async () => {
  for (const w of workers) await w.stop({ timeoutMs: 10_000 });
  await h.close();
});

describe('two workers on one database', () => {
  it('share an agency sync: every location synced once, the run closes ok', async () => {
    const boss = workers[0]?.boss;
    if (!boss) throw new Error('no worker');
    await sendSyncAgency(boss, { mode: 'incremental', trigger: 'test' });
    await waitFor(
      async () =>
        (await h.db.syncRun.findFirst({ where: { status: { not: 'running' } } })) !== null,
    );
    const run = await h.db.syncRun.findFirstOrThrow();
    expect(run).toMatchObject({ status: 'ok', locationsTotal: 6, locationsDone: 6 });
    const locationJobs = [...jobsByWorker.values()]
      .flat()
      .filter((j) => j.queue === 'sync-location');
    expect(locationJobs).toHaveLength(6);
    expect(jobsByWorker.get('w1')?.some((j) => j.queue === 'sync-location')).toBe(true);
    expect(jobsByWorker.get('w2')?.some((j) => j.queue === 'sync-location')).toBe(true);
    for (const loc of h.sim.world.locations) {
      expect(await cachedIds(h.db, 'contacts', loc.id)).toEqual(
        truthIds(h.sim, 'contacts', loc.id),
      );
    }
  });

  it('never sync one location twice at once, even with duplicate jobs on both workers', async () => {
    const boss = workers[1]?.boss;
    if (!boss) throw new Error('no worker');
    for (const w of jobsByWorker.values()) w.length = 0;
    intervals.length = 0;
    const ids = h.sim.world.locations.slice(0, 3).map((l) => l.id);
    for (const id of ids) h.sim.mutate(id, { update: { contacts: 3, opportunities: 2 } });
    // Full and incremental jobs of the same locations: distinct singleton keys, so both are queued
    // and four worker slots fetch them together; the advisory lock must serialise them.
    for (const id of ids)
      expect(
        await sendSyncLocation(boss, { locationId: id, mode: 'full', runId: null }),
      ).not.toBeNull();
    for (const id of ids)
      expect(
        await sendSyncLocation(boss, { locationId: id, mode: 'incremental', runId: null }),
      ).not.toBeNull();
    // A second queued incremental job of the same location is deduplicated.
    expect(
      await sendSyncLocation(boss, { locationId: ids[0] ?? '', mode: 'incremental', runId: null }),
    ).toBeNull();

    await waitFor(async () => [...jobsByWorker.values()].flat().length >= 6);
    const results = [...jobsByWorker.values()].flat();
    expect(results.filter((r) => r.error)).toEqual([]);
    const statuses = results.map((r) => (r.result as { status: string }).status).sort();
    // Each location: its full sync ran; its incremental either ran after it or found it busy.
    expect(statuses.filter((s) => s === 'ok').length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((s) => s === 'ok' || s === 'busy')).toBe(true);
    for (const id of ids) {
      const mine = intervals.filter((i) => i.locationId === id).sort((a, b) => a.start - b.start);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < mine.length; i++)
        expect(mine[i]?.start).toBeGreaterThanOrEqual(mine[i - 1]?.end ?? 0);
      expect(await cachedIds(h.db, 'contacts', id)).toEqual(truthIds(h.sim, 'contacts', id));
      const o = h.sim.world.opportunities(id);
      for (const opp of o) {
        const row = await h.db.opportunity.findUniqueOrThrow({
          where: { locationId_id: { locationId: id, id: opp.id } },
        });
        expect(row.status).toBe(opp.status);
      }
    }
  });
});

describe('the per-location advisory lock', () => {
  it('lets exactly one of two concurrent syncs of a location in; the other is told it is busy', async () => {
    const loc = h.sim.world.locations[4];
    if (!loc) throw new Error('no location');
    const [a, b] = [await h.runtime(), await h.runtime()];
    const attempts = await Promise.allSettled([
      syncLocationLocked(a.ctx, loc, { mode: 'incremental', runId: null, waitForLock: false }),
      syncLocationLocked(b.ctx, loc, { mode: 'incremental', runId: null, waitForLock: false }),
    ]);
    expect(attempts.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const rejected = attempts.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(LocationBusyError);
    // Released afterwards, and visible to the enqueuer while held.
    const lock = await tryLockLocation(h.t.url, loc.id);
    expect(lock).not.toBeNull();
    expect(await busyLocations(h.db, [loc.id, 'other'])).toEqual(new Set([loc.id]));
    expect(await tryLockLocation(h.t.url, loc.id)).toBeNull();
    await lock?.release();
    expect(await busyLocations(h.db, [loc.id])).toEqual(new Set());
  });
});
