import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { runSync } from '@/lib/sync/run-sync';
import { createTestDatabase } from '@/tests/db';
import { cachedIds, createHarness, type SyncHarness, truthIds } from './helpers';

const SIZES = (index: number) =>
  index === 0
    ? { contacts: 4_200, opportunities: 450, transactions: 130, orders: 4, subscriptions: 2 }
    : { contacts: 20, opportunities: 5, transactions: 2, orders: 1, subscriptions: 1 };

let h: SyncHarness;
let baselineRequests = 0;
beforeAll(async () => {
  h = await createHarness({ mode: 'seed', locations: 2, sizes: SIZES, latencyMs: 5 });
  // What an uninterrupted sync of location 0 costs, into a database of its own.
  const other = await createTestDatabase();
  const { createSyncRuntime } = await import('@/lib/sync/create-sync-context');
  const runtime = await createSyncRuntime({
    db: other.db,
    databaseUrl: other.url,
    ghl: { baseUrl: h.sim.url, agencyToken: h.sim.agencyToken, companyId: h.sim.companyId },
    encryptionKey: null,
  });
  h.sim.resetStats();
  await runSync(runtime.ctx, {
    mode: 'incremental',
    concurrency: 1,
    locationId: loc0().id,
    trigger: 'baseline',
  });
  baselineRequests = h.sim.stats().total;
  await runtime.close();
  await other.drop();
});
afterAll(async () => {
  await h.close();
});

function loc0() {
  const loc = h.sim.world.locations[0];
  if (!loc) throw new Error('no location');
  return loc;
}

async function expectExactCache(locationId: string) {
  expect(await cachedIds(h.db, 'contacts', locationId)).toEqual(
    truthIds(h.sim, 'contacts', locationId),
  );
  expect(await cachedIds(h.db, 'opportunities', locationId)).toEqual(
    truthIds(h.sim, 'opportunities', locationId),
  );
  expect(await cachedIds(h.db, 'transactions', locationId)).toEqual(
    truthIds(h.sim, 'transactions', locationId),
  );
  const rollups = await h.db.dailyRollup.findMany({
    where: { locationId },
    orderBy: [{ day: 'asc' }, { currency: 'asc' }],
  });
  await recomputeDailyRollups(h.db, locationId, 'all');
  expect(
    await h.db.dailyRollup.findMany({
      where: { locationId },
      orderBy: [{ day: 'asc' }, { currency: 'asc' }],
    }),
  ).toEqual(rollups);
}

async function reset() {
  await h.db
    .$executeRaw`TRUNCATE contacts, opportunities, pipelines, pipeline_stages, transactions, orders, subscriptions,
    sync_checkpoints, location_access, daily_rollups`;
}

describe('kill and resume', () => {
  it('a worker process killed mid-entity resumes from its checkpoint: nothing lost, no duplicates, fewer requests', async () => {
    await reset();
    const child = spawn(
      process.execPath,
      // react-server: the child is the server side, where `import 'server-only'` is empty.
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'fixtures/sync-child.ts'),
      ],
      {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: {
          ...process.env,
          CHILD_DATABASE_URL: h.t.url,
          CHILD_SIM_URL: h.sim.url,
          CHILD_AGENCY_TOKEN: h.sim.agencyToken,
          CHILD_COMPANY_ID: h.sim.companyId,
          CHILD_LOCATION_ID: loc0().id,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('page contacts 4')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`child exited before it was killed:\n${output}`)));
    });
    await exited;
    const cp = await h.db.syncCheckpoint.findUniqueOrThrow({
      where: { locationId_entity: { locationId: loc0().id, entity: 'contacts' } },
    });
    expect(cp.runStartedAt).not.toBeNull();
    expect(cp.recordsSeen).toBeGreaterThanOrEqual(2_000);
    expect(cp.recordsSeen).toBeLessThan(4_200);

    h.sim.resetStats();
    const runtime = await h.runtime();
    const result = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 1,
      locationId: loc0().id,
      trigger: 'test',
    });
    expect(result.status).toBe('ok');
    const contacts = result.locations[0]?.entities.find((e) => e.entity === 'contacts');
    expect(contacts).toMatchObject({ status: 'ok', resumed: true, records: 4_200 });
    expect(h.sim.stats().total).toBeLessThan(baselineRequests);
    await expectExactCache(loc0().id);
  });

  it('an abort (or a crash) after some pages resumes where it stopped', async () => {
    await reset();
    const controller = new AbortController();
    const crashing = await h.runtime({
      onPage: (e) => {
        if (e.entity === 'opportunities' && e.pages === 2) controller.abort(new Error('stop'));
      },
    });
    const stopped = await runSync(crashing.ctx, {
      mode: 'full',
      concurrency: 1,
      locationId: loc0().id,
      trigger: 'test',
      signal: controller.signal,
    });
    expect(stopped.status).toBe('failed');
    expect(await h.db.opportunity.count({ where: { locationId: loc0().id } })).toBe(200);

    let thrown = 0;
    const throwing = await h.runtime({
      onPage: (e) => {
        if (e.entity === 'opportunities' && e.pages === 4) {
          thrown += 1;
          throw new Error('simulated crash');
        }
      },
    });
    await expect(
      runSync(throwing.ctx, {
        mode: 'incremental',
        concurrency: 1,
        locationId: loc0().id,
        trigger: 'test',
      }),
    ).rejects.toThrow('simulated crash');
    expect(thrown).toBe(1);
    const cp = await h.db.syncCheckpoint.findUniqueOrThrow({
      where: { locationId_entity: { locationId: loc0().id, entity: 'opportunities' } },
    });
    expect(cp.mode).toBe('full'); // the incremental request continued the interrupted full run

    h.sim.resetStats();
    const runtime = await h.runtime();
    const result = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 1,
      locationId: loc0().id,
      trigger: 'test',
    });
    expect(result.status).toBe('ok');
    expect(result.locations[0]?.entities.find((e) => e.entity === 'opportunities')).toMatchObject({
      resumed: true,
      records: 450,
    });
    // Only the last opportunities page (and what follows) was requested again.
    expect(h.sim.stats().byEndpoint['opportunities.search']).toBe(1);
    await expectExactCache(loc0().id);
    const full = await h.db.syncCheckpoint.findUniqueOrThrow({
      where: { locationId_entity: { locationId: loc0().id, entity: 'opportunities' } },
    });
    expect(full.lastFullAt).not.toBeNull();
  });
});
