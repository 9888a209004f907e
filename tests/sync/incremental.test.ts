import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { runSync } from '@/lib/sync/run-sync';
import { cachedIds, createHarness, type SyncHarness, truthIds } from './helpers';

let h: SyncHarness;
beforeAll(async () => {
  h = await createHarness({ mode: 'seed', locations: 3 });
  const runtime = await h.runtime();
  const first = await runSync(runtime.ctx, {
    mode: 'incremental',
    concurrency: 3,
    trigger: 'test',
  });
  expect(first.status).toBe('ok');
});
afterAll(async () => {
  await h.close();
});

async function rollupSnapshot(locationId: string): Promise<string[]> {
  const rows = await h.db.dailyRollup.findMany({
    where: { locationId },
    orderBy: [{ day: 'asc' }, { currency: 'asc' }],
  });
  return rows.map((r) =>
    [
      r.day.toISOString().slice(0, 10),
      r.currency,
      r.newContacts,
      r.opportunitiesCreated,
      r.opportunitiesWon,
      r.opportunitiesLost,
      r.wonValue.toFixed(2),
      r.paymentsCount,
      r.paymentsGross.toFixed(4),
      r.paymentsRefunded.toFixed(4),
    ].join('|'),
  );
}

describe('incremental re-sync and full reconcile', () => {
  it('picks up creates and updates incrementally, keeps deletes until --full removes them', async () => {
    const [a, b] = h.sim.world.locations;
    if (!a || !b) throw new Error('world too small');
    const change = h.sim.mutate(a.id, {
      create: { contacts: 7, opportunities: 3, transactions: 2 },
      update: { contacts: 11, opportunities: 9, transactions: 5, subscriptions: 2 },
      delete: { contacts: 2, opportunities: 2, transactions: 1 },
    });
    h.sim.mutate(b.id, { update: { opportunities: 4 } });
    h.sim.resetStats();
    // Tiered incremental (docs/sync.md): deals cached as open are re-read whether they stay open
    // or not; a deal that was already closed, and payments older than the recent window, wait
    // for the full run below.
    const wasOpen = new Set(
      (
        await h.db.opportunity.findMany({
          where: { locationId: { in: [a.id, b.id] }, status: 'open' },
          select: { id: true },
        })
      ).map((o) => o.id),
    );
    const recentFrom = Date.now() - 45 * 86_400_000;

    const runtime = await h.runtime();
    const inc = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 2,
      trigger: 'test',
    });
    expect(inc.status).toBe('ok');
    const stats = h.sim.stats();
    // Contacts are read since the watermark: one page per location, not the 1,150 of location 0.
    expect(stats.byEndpoint['contacts.search']).toBe(3);
    // Pipelines were fresh: not re-read.
    expect(stats.byEndpoint['opportunities.pipelines'] ?? 0).toBe(0);

    const truthContacts = truthIds(h.sim, 'contacts', a.id);
    const cached = await cachedIds(h.db, 'contacts', a.id);
    for (const id of change.created.contacts ?? []) expect(cached).toContain(id);
    // Deleted contacts stay until a full reconcile (an updated-since read cannot see deletions)…
    for (const id of change.deleted.contacts ?? []) expect(cached).toContain(id);
    expect(cached.length).toBe(truthContacts.length + (change.deleted.contacts?.length ?? 0));
    const cachedOpps = await cachedIds(h.db, 'opportunities', a.id);
    for (const id of change.created.opportunities ?? []) expect(cachedOpps).toContain(id);
    // A deleted deal that was open is found by its by-id re-read (404); others wait for --full.
    for (const id of change.deleted.opportunities ?? [])
      if (wasOpen.has(id)) expect(cachedOpps).not.toContain(id);
      else expect(cachedOpps).toContain(id);
    for (const id of change.updated.contacts ?? []) {
      const row = await h.db.contact.findUniqueOrThrow({
        where: { locationId_id: { locationId: a.id, id } },
      });
      expect(row.dateUpdated?.toISOString()).toBe(change.at);
    }
    for (const loc of [a, b]) {
      for (const o of h.sim.world.opportunities(loc.id)) {
        if (o.status !== 'open' && !wasOpen.has(o.id)) continue;
        const row = await h.db.opportunity.findUniqueOrThrow({
          where: { locationId_id: { locationId: loc.id, id: o.id } },
        });
        expect([row.status, row.monetaryValue?.toFixed(2)]).toEqual([
          o.status,
          o.monetaryValue.toFixed(2),
        ]);
      }
    }
    for (const t of h.sim.world.transactions(a.id)) {
      if (Date.parse(t.createdAt) < recentFrom) continue;
      const row = await h.db.transaction.findUniqueOrThrow({
        where: { locationId_id: { locationId: a.id, id: t._id } },
      });
      expect([row.status, row.amountRefunded.toFixed(2)]).toEqual([
        t.status,
        t.amountRefunded.toFixed(2),
      ]);
    }
    // The touched days were recomputed: the rollups equal a from-scratch recompute.
    for (const loc of [a, b]) {
      const incremental = await rollupSnapshot(loc.id);
      await recomputeDailyRollups(h.db, loc.id, 'all');
      expect(await rollupSnapshot(loc.id)).toEqual(incremental);
    }

    const full = await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' });
    expect(full.status).toBe('ok');
    const aOutcome = full.locations.find((l) => l.locationId === a.id);
    expect(aOutcome?.entities.find((e) => e.entity === 'contacts')?.deleted).toBe(2);
    expect(await cachedIds(h.db, 'contacts', a.id)).toEqual(truthContacts);
    expect(await cachedIds(h.db, 'transactions', a.id)).toEqual(
      truthIds(h.sim, 'transactions', a.id),
    );
    expect(await cachedIds(h.db, 'opportunities', a.id)).toEqual(
      truthIds(h.sim, 'opportunities', a.id),
    );
    // After the full run every deal and payment equals GHL again, however old.
    for (const o of h.sim.world.opportunities(a.id)) {
      const row = await h.db.opportunity.findUniqueOrThrow({
        where: { locationId_id: { locationId: a.id, id: o.id } },
      });
      expect([row.status, row.monetaryValue?.toFixed(2)]).toEqual([
        o.status,
        o.monetaryValue.toFixed(2),
      ]);
    }
    for (const t of h.sim.world.transactions(a.id)) {
      const row = await h.db.transaction.findUniqueOrThrow({
        where: { locationId_id: { locationId: a.id, id: t._id } },
      });
      expect([row.status, row.amountRefunded.toFixed(2)]).toEqual([
        t.status,
        t.amountRefunded.toFixed(2),
      ]);
    }
    const after = await rollupSnapshot(a.id);
    await recomputeDailyRollups(h.db, a.id, 'all');
    expect(await rollupSnapshot(a.id)).toEqual(after);
    const location = await h.db.location.findUniqueOrThrow({ where: { id: a.id } });
    expect(location.lastFullSyncAt).not.toBeNull();
    const cps = await h.db.syncCheckpoint.findMany({ where: { locationId: a.id } });
    expect(cps.every((c) => c.lastFullAt !== null)).toBe(true);
  });

  it('archives a location that vanished and restores it when it reappears', async () => {
    const gone = h.sim.world.locations[2];
    if (!gone) throw new Error('world too small');
    const contactsBefore = await h.db.contact.count({ where: { locationId: gone.id } });
    expect(h.sim.world.removeLocation(gone.id)).toBe(true);
    const runtime = await h.runtime();
    const result = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 2,
      trigger: 'test',
    });
    expect(result.archived).toEqual([gone.id]);
    const row = await h.db.location.findUniqueOrThrow({ where: { id: gone.id } });
    expect(row.archivedAt).not.toBeNull();
    expect(await h.db.contact.count({ where: { locationId: gone.id } })).toBe(contactsBefore);
    expect(result.locations.map((l) => l.locationId)).not.toContain(gone.id);

    // A listed location that was archived earlier (it vanished for a while) comes back.
    const back = h.sim.world.locations[0];
    if (!back) throw new Error('world too small');
    await h.db.location.update({
      where: { id: back.id },
      data: { archivedAt: new Date(Date.now() - 60_000) },
    });
    const again = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 2,
      trigger: 'test',
    });
    expect(again.locations.map((l) => l.locationId)).toContain(back.id);
    expect(
      (await h.db.location.findUniqueOrThrow({ where: { id: back.id } })).archivedAt,
    ).toBeNull();
    expect(
      (await h.db.location.findUniqueOrThrow({ where: { id: gone.id } })).archivedAt,
    ).not.toBeNull();
  });
});
