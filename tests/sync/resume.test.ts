import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '@/lib/sync/run-sync';
import { createTestDatabase } from '@/tests/db';
import { createHarness, type SyncHarness } from './helpers';
import { crashAt, expectExactCache, resetCache, resumeSync, simLocation } from './kill-and-resume';

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

const loc0 = () => simLocation(h, 0);
/** The entities location 0 has many pages of: the ones compared after a resume. */
const PAGED = ['contacts', 'opportunities', 'transactions'] as const;

describe('kill and resume', () => {
  it('a worker process killed mid-entity resumes from its checkpoint: nothing lost, no duplicates, fewer requests', async () => {
    await resetCache(h);
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

    const result = await resumeSync(h, { mode: 'incremental', locationId: loc0().id });
    expect(result.status).toBe('ok');
    const contacts = result.locations[0]?.entities.find((e) => e.entity === 'contacts');
    expect(contacts).toMatchObject({ status: 'ok', resumed: true, records: 4_200 });
    expect(h.sim.stats().total).toBeLessThan(baselineRequests);
    await expectExactCache(h, loc0().id, PAGED);
  });

  it('an abort (or a crash) after some pages resumes where it stopped', async () => {
    await resetCache(h);
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

    const cp = await crashAt(h, {
      entity: 'opportunities',
      mode: 'incremental',
      locationId: loc0().id,
      page: 4,
    });
    expect(cp.mode).toBe('full'); // the incremental request continued the interrupted full run

    const result = await resumeSync(h, { mode: 'incremental', locationId: loc0().id });
    expect(result.status).toBe('ok');
    expect(result.locations[0]?.entities.find((e) => e.entity === 'opportunities')).toMatchObject({
      resumed: true,
      records: 450,
    });
    // Only the last opportunities page (and what follows) was requested again.
    expect(h.sim.stats().byEndpoint['opportunities.search']).toBe(1);
    await expectExactCache(h, loc0().id, PAGED);
    const full = await h.db.syncCheckpoint.findUniqueOrThrow({
      where: { locationId_entity: { locationId: loc0().id, entity: 'opportunities' } },
    });
    expect(full.lastFullAt).not.toBeNull();
  });
});
