import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_SUBSCRIPTIONS_MAX_AGE_MS } from '@/lib/sync/entities/payments';
import { runSync } from '@/lib/sync/run-sync';
import { cachedIds, createHarness, type SyncHarness, truthIds } from './helpers';

// Subscriptions are reported "as of now", but most sub-accounts sell none: an incremental run reads
// them every time only where some are cached, and checks a location without any once an hour.
const SIZES = (index: number) => ({
  contacts: 20,
  opportunities: 10,
  transactions: 10,
  orders: 2,
  subscriptions: index === 0 ? 4 : 0,
});

let h: SyncHarness;
beforeAll(async () => {
  h = await createHarness({ mode: 'seed', locations: 2, sizes: SIZES });
  const runtime = await h.runtime();
  expect(
    (await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' })).status,
  ).toBe('ok');
});
afterAll(async () => {
  await h?.close();
});

async function incremental() {
  h.sim.resetStats();
  const runtime = await h.runtime();
  const run = await runSync(runtime.ctx, { mode: 'incremental', concurrency: 2, trigger: 'test' });
  expect(run.status).toBe('ok');
  const subscriptions = (id: string) =>
    run.locations
      .find((l) => l.locationId === id)
      ?.entities.find((e) => e.entity === 'subscriptions')?.status;
  return { reads: h.sim.stats().byEndpoint['payments.subscriptions'] ?? 0, subscriptions };
}

/** As if the last complete subscriptions read of `locationId` was `ms` ago. */
async function ageCheckpoint(locationId: string, ms: number) {
  await h.db.syncCheckpoint.update({
    where: { locationId_entity: { locationId, entity: 'subscriptions' } },
    data: { lastSuccessAt: new Date(Date.now() - ms) },
  });
}

describe('subscriptions in incremental runs', () => {
  it('reads them every run where some are cached, and hourly where none are', async () => {
    const [sells, none] = h.sim.world.locations;
    if (!sells || !none) throw new Error('world too small');
    expect(await cachedIds(h.db, 'subscriptions', sells.id)).toHaveLength(4);
    expect(await cachedIds(h.db, 'subscriptions', none.id)).toHaveLength(0);

    // A change to a cached subscription is read by the next incremental run.
    const changed = h.sim.mutate(sells.id, { update: { subscriptions: 1 } });
    const first = await incremental();
    expect(first.reads).toBe(1);
    expect(first.subscriptions(sells.id)).toBe('ok');
    expect(first.subscriptions(none.id)).toBe('skipped');
    const id = changed.updated.subscriptions?.[0] ?? '';
    const truth = h.sim.world.subscriptions(sells.id).find((s) => s._id === id);
    const row = await h.db.subscription.findUniqueOrThrow({
      where: { locationId_id: { locationId: sells.id, id } },
    });
    expect(row.status).toBe(truth?.status);

    // A first subscription within the hour waits; once the check is due, the run reads it.
    h.sim.mutate(none.id, { create: { subscriptions: 1 } });
    expect((await incremental()).subscriptions(none.id)).toBe('skipped');
    expect(await cachedIds(h.db, 'subscriptions', none.id)).toHaveLength(0);
    await ageCheckpoint(none.id, EMPTY_SUBSCRIPTIONS_MAX_AGE_MS + 60_000);
    const due = await incremental();
    expect(due.subscriptions(none.id)).toBe('ok');
    expect(due.reads).toBe(2);
    expect(await cachedIds(h.db, 'subscriptions', none.id)).toEqual(
      truthIds(h.sim, 'subscriptions', none.id),
    );
    expect(await cachedIds(h.db, 'subscriptions', none.id)).toHaveLength(1);

    // It has one now: every run reads it.
    expect((await incremental()).subscriptions(none.id)).toBe('ok');
  });

  it('a full run always reads them', async () => {
    h.sim.resetStats();
    const runtime = await h.runtime();
    const full = await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' });
    expect(full.status).toBe('ok');
    expect(h.sim.stats().byEndpoint['payments.subscriptions']).toBe(2);
  });
});
