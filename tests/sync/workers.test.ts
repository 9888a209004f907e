import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { syncAgency } from '@/lib/jobs/definitions/sync/sync-agency';
import { syncLocation } from '@/lib/jobs/definitions/sync/sync-location';
import { enqueue } from '@/lib/jobs/enqueue';
import { startWorker, type Worker } from '@/lib/jobs/start-worker';
import { busyLocations, LocationBusyError, tryLockLocation } from '@/lib/sync/location-lock';
import { syncLocationLocked } from '@/lib/sync/sync-location-locked';
import { cachedIds, createHarness, type SyncHarness, truthIds } from './helpers';

// start/end are positions in one event sequence shared by both workers (same process), not times:
// "one location never syncs twice at once" is then an exact ordering fact, whatever the speed.
type Interval = { worker: string; locationId: string; start: number; end: number };
let sequence = 0;

let h: SyncHarness;
const workers: Worker[] = [];
const jobsByWorker = new Map<string, Array<{ queue: string; result?: unknown; error?: unknown }>>();
const intervals: Interval[] = [];

async function startNamedWorker(name: string): Promise<Worker> {
  const open = new Map<string, number>();
  const runtime = await h.runtime({
    onPage: (e) => {
      if (!open.has(e.locationId)) open.set(e.locationId, ++sequence);
    },
    onLocation: (o) => {
      const start = open.get(o.locationId);
      open.delete(o.locationId);
      if (start !== undefined)
        intervals.push({ worker: name, locationId: o.locationId, start, end: ++sequence });
    },
  });
  jobsByWorker.set(name, []);
  const worker = await startWorker({
    services: { sync: runtime.ctx },
    databaseUrl: h.t.url,
    settings: parseEnv({ SYNC_CONCURRENCY: '2' }),
    schedules: false,
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
  await startNamedWorker('w1');
  await startNamedWorker('w2');
});
afterAll(async () => {
  for (const w of workers) await w.stop({ timeoutMs: 10_000 });
  await h.close();
});

type JobRow = { key: string; state: string; output: { status?: string } | null };

/**
 * The sync-location jobs pg-boss holds (of an agency run, or sent by hand), once none is waiting
 * or running any more: pg-boss marks a job completed just after its handler returns.
 */
async function settledLocationJobs(sentBy: 'run' | 'hand'): Promise<JobRow[]> {
  const read = () => h.db.$queryRaw<JobRow[]>`
    SELECT singleton_key AS key, state::text AS state, output FROM pgboss.job
    WHERE name = 'sync-location' AND (data->>'runId' IS NULL) = ${sentBy === 'hand'}`;
  await waitFor(async () =>
    (await read()).every((j) => !['created', 'retry', 'active'].includes(j.state)),
  );
  return read();
}

/** Orders each location's syncs by their start and checks none began before the previous ended. */
function expectNoOverlap(locationId: string) {
  const mine = intervals
    .filter((i) => i.locationId === locationId)
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < mine.length; i++)
    expect(mine[i]?.start).toBeGreaterThan(mine[i - 1]?.end ?? 0);
  return mine;
}

describe('two workers on one database', () => {
  it('share an agency sync: every location synced once, the run closes ok', async () => {
    const boss = workers[0]?.boss;
    if (!boss) throw new Error('no worker');
    await enqueue(syncAgency, { mode: 'incremental', trigger: 'test' }, { boss });
    await waitFor(
      async () =>
        (await h.db.syncRun.findFirst({ where: { status: { not: 'running' } } })) !== null,
    );
    const run = await h.db.syncRun.findFirstOrThrow();
    expect(run).toMatchObject({ status: 'ok', locationsTotal: 6, locationsDone: 6 });
    const locationEvents = [...jobsByWorker.values()]
      .flat()
      .filter((j) => j.queue === 'sync-location');
    expect(locationEvents).toHaveLength(6);
    // Which worker took which job depends on timing; that every job ran exactly once does not.
    const jobs = await settledLocationJobs('run');
    expect(jobs.map((j) => j.key).sort()).toEqual(h.sim.world.locations.map((l) => l.id).sort());
    expect(jobs.map((j) => [j.state, j.output?.status])).toEqual(
      jobs.map(() => ['completed', 'ok']),
    );
    for (const loc of h.sim.world.locations) {
      expect(expectNoOverlap(loc.id)).toHaveLength(1);
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
        await enqueue(syncLocation, { locationId: id, mode: 'full', runId: null }, { boss }),
      ).not.toBeNull();
    for (const id of ids)
      expect(
        await enqueue(syncLocation, { locationId: id, mode: 'incremental', runId: null }, { boss }),
      ).not.toBeNull();
    // A second queued incremental job of the same location is deduplicated.
    expect(
      await enqueue(
        syncLocation,
        { locationId: ids[0] ?? '', mode: 'incremental', runId: null },
        { boss },
      ),
    ).toBeNull();

    await waitFor(async () => [...jobsByWorker.values()].flat().length >= 6);
    const results = [...jobsByWorker.values()].flat();
    expect(results.filter((r) => r.error)).toEqual([]);
    const statuses = results.map((r) => (r.result as { status: string }).status).sort();
    // Each location: its full sync ran; its incremental either ran after it or found it busy.
    expect(statuses.filter((s) => s === 'ok').length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((s) => s === 'ok' || s === 'busy')).toBe(true);
    // Every one of the six jobs completed (pg-boss's own record), none failed or is left over.
    const jobs = await settledLocationJobs('hand');
    expect(jobs.map((j) => j.state)).toEqual(jobs.map(() => 'completed'));
    expect(jobs.map((j) => j.key).sort()).toEqual(
      [...ids, ...ids.map((id) => `${id}:full`)].sort(),
    );
    for (const id of ids) {
      expect(expectNoOverlap(id).length).toBeGreaterThanOrEqual(1);
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
