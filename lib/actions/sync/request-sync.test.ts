import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { state } from '@/tests/signed-in';
import { parseEnv, resetEnvCache } from '@/lib/env';
import { stopBoss } from '@/lib/jobs/boss';
import { startWorker, type Worker } from '@/lib/jobs/start-worker';
import { getSyncProgress, type SyncProgress } from '@/lib/metrics/get-sync-progress';
import { createUser } from '@/lib/users/create-user';
import { createHarness, type SyncHarness } from '@/tests/sync/helpers';

// "Sync now" end to end below the browser: the real action on the shared pg-boss of this process
// The real actions and routes, with the session and the database swapped for this file's own.
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { requestSync } = await import('./request-sync');

let h: SyncHarness;
let worker: Worker | undefined;
const savedUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  h = await createHarness({ locations: 3, latencyMs: 15 });
  state.db = h.db;
  state.user = await createUser(h.db, {
    email: 'boss@example.com',
    name: 'Boss',
    role: 'admin',
    password: 'boss-password-123',
  });
  // The action enqueues on the process's pg-boss, which reads DATABASE_URL.
  process.env.DATABASE_URL = h.t.url;
  resetEnvCache();
});
afterAll(async () => {
  await worker?.stop({ timeoutMs: 10_000 });
  await stopBoss();
  process.env.DATABASE_URL = savedUrl;
  resetEnvCache();
  await h?.close();
});

async function follow(runId: string, timeoutMs = 60_000): Promise<SyncProgress[]> {
  const seen: SyncProgress[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const progress = await getSyncProgress(h.db, runId);
    if (!progress) throw new Error('no such run');
    seen.push(progress);
    if (!progress.isRunning) return seen;
    if (Date.now() > until) throw new Error(`run ${runId} still running`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('sync/request-sync with a worker', () => {
  it('queues the agency sync, shows progress to completion from the database, and refuses a second press while it runs', async () => {
    const first = await requestSync({ mode: 'incremental' });
    expect(first).toMatchObject({
      ok: true,
      data: { status: 'queued', runId: expect.any(String) },
    });
    const runId = first.ok ? first.data.runId : '';

    // No worker yet: the run is open, so a second press is refused and names it; nothing queued.
    const second = await requestSync(new FormData());
    expect(second).toEqual({
      ok: true,
      data: { status: 'already_running', runId, startedAt: expect.any(String), trigger: 'web' },
    });
    expect(await h.db.syncRun.count()).toBe(1);

    const runtime = await h.runtime();
    worker = await startWorker({
      services: { sync: runtime.ctx },
      databaseUrl: h.t.url,
      settings: parseEnv({ SYNC_CONCURRENCY: '2' }),
      schedules: false,
      pollingIntervalSeconds: 0.5,
    });
    const seen = await follow(runId);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({
      status: 'ok',
      trigger: 'web',
      locationsTotal: 3,
      locationsDone: 3,
      problems: [],
    });
    expect(last.records).toBeGreaterThan(1_000);
    expect(last.requests).toBeGreaterThan(0);
    // Progress moved while it ran (never backwards).
    const done = seen.map((p) => p.locationsDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(await h.db.location.count()).toBe(3);

    // Once finished, a press is accepted again: here for one location, in full.
    const locationId = h.sim.world.locations[1]!.id;
    const third = await requestSync({ mode: 'full', locationId });
    expect(third).toMatchObject({ ok: true, data: { status: 'queued' } });
    const one = (await follow(third.ok ? third.data.runId : '')).at(-1)!;
    expect(one).toMatchObject({ mode: 'full', status: 'ok', locationsTotal: 1, locationsDone: 1 });

    const audit = await h.db.auditLogEntry.findMany({
      // The seeded user comes from `user add` (createUser), audited as the CLI.
      where: { actorEmail: { not: 'cli' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((e) => [e.action, e.targetId, (e.after as { mode: string }).mode])).toEqual([
      ['sync.request', null, 'incremental'],
      ['sync.request', locationId, 'full'],
    ]);
  }, 120_000);

  it('two presses at the same instant queue one sync', async () => {
    const locationId = h.sim.world.locations[0]!.id;
    const results = await Promise.all([requestSync({ locationId }), requestSync({ locationId })]);
    const statuses = results.map((r) => (r.ok ? r.data.status : r.error.code)).sort();
    expect(statuses).toEqual(['already_running', 'queued']);
    const runIds = new Set(results.map((r) => (r.ok ? r.data.runId : '')));
    expect(runIds.size).toBe(1);
    await follow([...runIds][0]!);
  }, 60_000);

  it('refuses an unknown location without opening a run', async () => {
    const runs = await h.db.syncRun.count();
    expect(await requestSync({ locationId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await h.db.syncRun.count()).toBe(runs);
  });
});
