import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnv, resetEnvCache } from '@/lib/env';
import { stopBoss } from '@/lib/jobs/boss';
import { startWorker, type Worker } from '@/lib/jobs/start-worker';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { runSync, type RunSyncResult } from '@/lib/sync/run-sync';
import type { SyncRuntime } from '@/lib/sync/create-sync-context';
import type { Mutation, WebhookSender } from '@/sim/server';
import { expectRowsMatchTruth, truthFor } from '@/tests/sync/ground-truth';
import { createHarness, type SyncHarness } from '@/tests/sync/helpers';
import { state } from '@/tests/signed-in';

// 1,000 signed webhooks from the simulator (5% dropped, 10% sent twice, delivered out of order)
// go through the real route, pg-boss and the refresh-record job; then the next incremental sync
// runs and the export must equal the simulator's ground truth.

vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { POST } = await import('@/app/api/webhooks/ghl/route');

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const SIZES = (index: number) => ({
  contacts: 120 + index * 10,
  opportunities: 60,
  transactions: 80,
  orders: 10,
  subscriptions: 12,
});
/** The days an incremental run promises to be exact for payments (SYNC_RECENT_PAYMENTS_DAYS = 45). */
const RECENT = { from: '2026-10-16', to: '2026-11-01' };
const YEAR = { from: '2025-11-01', to: '2026-11-01' };

let h: SyncHarness;
let runtime: SyncRuntime;
let worker: Worker;
let receiver: Server;
let sender: WebhookSender;
/** Every error a job threw (retried or not). */
const jobErrors: string[] = [];
const saved = { ...process.env };

/** Serves the route handler itself over HTTP, as `next start` would. */
async function startReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers))
          if (typeof value === 'string') headers.set(name, value);
        const response = await POST(
          new Request(`http://localhost${req.url}`, {
            method: 'POST',
            headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.writeHead(response.status, { 'content-type': 'application/json' });
        res.end(Buffer.from(await response.arrayBuffer()));
      })();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/ghl`;
}

/** Sends every waiting webhook, then waits until no refresh-record job is left to run. */
async function deliverAndDrain(): Promise<void> {
  await sender.flush();
  const until = Date.now() + 180_000;
  for (;;) {
    const [row] = await h.db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM pgboss.job
      WHERE name = 'refresh-record' AND state IN ('created', 'retry', 'active')`;
    if ((row?.n ?? 0) === 0) return;
    if (Date.now() > until) throw new Error('refresh-record jobs did not finish');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  h = await createHarness({ mode: 'seed', seed: 11, locations: 4, sizes: SIZES });
  state.db = h.db;
  process.env.DATABASE_URL = h.t.url;
  process.env.GHL_WEBHOOK_PUBLIC_KEY = keys.publicKey
    .export({ type: 'spki', format: 'pem' })
    .toString();
  resetEnvCache();
  runtime = await h.runtime();
  const first = await runSync(runtime.ctx, { mode: 'full', concurrency: 4, trigger: 'test' });
  expect(first.status).toBe('ok');
  worker = await startWorker({
    services: { sync: runtime.ctx },
    databaseUrl: h.t.url,
    settings: parseEnv({
      SYNC_CONCURRENCY: '16',
      SYNC_INCREMENTAL_EVERY_MINUTES: '720',
      SYNC_FULL_CRON: '0 3 1 1 *',
    }),
    pollingIntervalSeconds: 0.5,
    onJob: (event) => {
      if (event.error) jobErrors.push(String(event.error));
    },
  });
  sender = h.sim.sendWebhooks({
    url: await startReceiver(),
    privateKey: keys.privateKey,
    drop: 0.05,
    duplicate: 0.1,
    reorder: 16,
    concurrency: 6,
    seed: 5,
  });
}, 240_000);
afterAll(async () => {
  sender?.detach();
  await worker?.stop({ timeoutMs: 10_000 });
  await stopBoss();
  await new Promise((resolve) => receiver?.close(resolve));
  process.env = saved;
  resetEnvCache();
  await h?.close();
});

/**
 * One round of changes to a location. Deals change status explicitly (open → won/lost, closed →
 * reopened, open values edited) and only open deals are deleted: those are the changes the tiered
 * incremental promises to catch when their webhook is lost (docs/sync.md, freshness). A value edit
 * on a deal that is already closed, or a deleted contact, waits for the nightly full if its
 * webhook is dropped — the last test shows the full run closing that gap.
 */
function roundFor(locationId: string, round: number): Mutation {
  const deals = h.sim.world.opportunities(locationId);
  const open = deals.filter((d) => d.status === 'open');
  const closed = deals.filter((d) => d.status !== 'open');
  const pick = <T>(list: T[], k: number) => list[(round * 7 + k * 13) % list.length];
  const winner = pick(open, 0);
  const loser = open.find((d) => d !== winner && d.id === pick(open, 1)?.id);
  const edited = open.find((d) => d !== winner && d !== loser);
  const reopened = pick(closed, 2);
  const doomed = open.find((d) => d !== winner && d !== loser && d !== edited);
  const update: NonNullable<Mutation['update']>['opportunities'] = [];
  if (winner) update.push({ id: winner.id, set: { status: 'won', monetaryValue: 1000 + round } });
  if (loser) update.push({ id: loser.id, set: { status: 'lost' } });
  if (edited) update.push({ id: edited.id, set: { monetaryValue: 50 + round } });
  if (reopened) update.push({ id: reopened.id, set: { status: 'open' } });
  return {
    create: { contacts: 2, opportunities: 1, transactions: 1, orders: 1 },
    update: { contacts: 3, opportunities: update, transactions: 2, subscriptions: 1, orders: 1 },
    delete: doomed ? { opportunities: [doomed.id] } : {},
  };
}

/** Runs a sync; every location's report over `period` must then equal the simulator's truth. */
async function expectSyncMatchesTruth(
  mode: 'incremental' | 'full',
  period: { from: string; to: string },
  label: string,
) {
  const run = await runSync(runtime.ctx, { mode, concurrency: 4, trigger: 'test' });
  expect(run.status).toBe('ok');
  const report = await getLocationsReport(h.db, period);
  for (const location of h.sim.world.locations)
    expectRowsMatchTruth(
      report.rows.filter((r) => r.locationId === location.id),
      truthFor(h.sim, location.id, location.timezone, period.from, period.to),
      `${location.timezone} ${location.id} ${label}`,
    );
}

describe('webhooks as change hints', () => {
  it('1,000 events with drops, duplicates and reordering: the next incremental makes the export equal the truth', async () => {
    const locations = h.sim.world.locations;
    for (let round = 0; sender.events.length < 1_000; round++)
      for (const location of locations) h.sim.mutate(location.id, roundFor(location.id, round));
    const events = sender.events.length;
    expect(events).toBeGreaterThanOrEqual(1_000);
    h.sim.resetStats();
    await deliverAndDrain();
    const stats = sender.stats();
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.duplicates).toBeGreaterThan(0);
    expect(stats.failed).toBe(0); // every delivery answered 2xx (duplicates included)
    expect(await h.db.webhookEvent.count()).toBe(events - stats.dropped);

    // Before any polling: a record whose events all arrived equals GHL already.
    const lost = new Set(sender.events.filter((e) => e.dropped).map((e) => e.recordId));
    const delivered = [
      ...new Set(sender.events.map((e) => `${e.locationId}|${e.entity}|${e.recordId}`)),
    ]
      .map((key) => key.split('|') as [string, string, string])
      .filter(([, entity, id]) => entity === 'opportunities' && !lost.has(id));
    expect(delivered.length).toBeGreaterThan(100);
    for (const [locationId, , id] of delivered) {
      const truth = h.sim.world.opportunities(locationId).find((o) => o.id === id);
      const row = await h.db.opportunity.findUnique({
        where: { locationId_id: { locationId, id } },
      });
      expect(row ? [row.status, row.monetaryValue?.toFixed(2)] : null, id).toEqual(
        truth ? [truth.status, truth.monetaryValue.toFixed(2)] : null,
      );
    }
    // Requests: every record an upsert event reached was re-read at least once, and never more
    // than once per event (redeliveries cost nothing; events for a record whose job is still
    // queued share it). How close to one per record it gets depends on timing: bench/sync.ts
    // part (6) measures it against the goal of 1.2.
    const rereads = Object.entries(h.sim.stats().byEndpoint)
      .filter(([endpoint]) => endpoint.endsWith('.get'))
      .reduce((sum, [, n]) => sum + n, 0);
    const upserts = sender.events.filter((e) => !e.dropped && !e.type.endsWith('Delete'));
    // (A record also deleted may have had only its delete applied, which reads nothing.)
    const deleted = new Set(
      sender.events.filter((e) => e.type.endsWith('Delete')).map((e) => e.recordId),
    );
    const reread = new Set(upserts.map((e) => e.recordId).filter((id) => !deleted.has(id)));
    expect(rereads).toBeGreaterThanOrEqual(reread.size);
    expect(rereads).toBeLessThanOrEqual(upserts.length);

    await expectSyncMatchesTruth('incremental', RECENT, 'after the incremental');
  }, 900_000);

  it('hints and incremental syncs writing the same locations at once: no job fails or deadlocks, rollups stay equal to their facts', async () => {
    const locations = h.sim.world.locations;
    const since = new Date();
    const syncs: RunSyncResult[] = [];
    let mutating = true;
    // Polling runs back to back while changes (and their hints, held back 5 s) keep coming, so
    // refresh-record jobs and sync pages write the same records and recompute the same days.
    const polling = (async () => {
      while (mutating)
        syncs.push(
          await runSync(runtime.ctx, { mode: 'incremental', concurrency: 4, trigger: 'test' }),
        );
    })();
    for (let round = 100; round < 140; round++) {
      for (const location of locations) h.sim.mutate(location.id, roundFor(location.id, round));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    mutating = false;
    await polling;
    await deliverAndDrain();
    expect(syncs.length).toBeGreaterThanOrEqual(2);
    expect(syncs.map((s) => s.status)).toEqual(syncs.map(() => 'ok'));
    const jobs = await h.db.$queryRaw<Array<{ id: string; state: string; status: string | null }>>`
      SELECT id::text, state::text, output->>'status' AS status
      FROM pgboss.job WHERE name = 'refresh-record' AND created_on >= ${since}`;
    expect(jobs.length).toBeGreaterThan(100);
    expect(jobs.filter((j) => j.state !== 'completed' || j.status === 'failed')).toEqual([]);
    // No writer ever waited on the other in a cycle (PostgreSQL would abort one: a retried job).
    // A busy machine may still retry a job for a pooled connection that came too late.
    expect(jobErrors.filter((e) => /deadlock|could not serialize|40P01|40001/i.test(e))).toEqual(
      [],
    );
    // They did overlap: jobs ran while a sync run was writing.
    const [overlap] = await h.db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM pgboss.job j
      WHERE j.name = 'refresh-record' AND j.created_on >= ${since} AND EXISTS (
        SELECT 1 FROM sync_runs r
        WHERE r.started_at < j.completed_on AND r.finished_at > j.started_on)`;
    expect(overlap?.n).toBeGreaterThan(20);
    // Whatever order the writers took, every rollup day equals a recompute from the facts.
    const rollups = () =>
      h.db.dailyRollup.findMany({
        orderBy: [{ locationId: 'asc' }, { day: 'asc' }, { currency: 'asc' }],
      });
    const written = JSON.stringify(await rollups());
    for (const location of locations) await recomputeDailyRollups(h.db, location.id, 'all');
    expect(JSON.stringify(await rollups())).toBe(written);

    await expectSyncMatchesTruth('incremental', RECENT, 'after hints and polling at once');
  }, 400_000);

  it('the nightly full reconciles everything older, whatever webhooks were lost', async () => {
    const location = h.sim.world.locations[0]!;
    sender.detach();
    // No webhook at all for these: a deleted contact and an edit to a closed deal.
    const closed = h.sim.world.opportunities(location.id).find((o) => o.status === 'won')!;
    h.sim.mutate(location.id, {
      delete: { contacts: 1 },
      update: { opportunities: [{ id: closed.id, set: { monetaryValue: 4321 } }] },
    });
    await expectSyncMatchesTruth('full', YEAR, 'after the full');
  }, 200_000);
});
