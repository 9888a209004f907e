import { describe, expect, it } from 'vitest';
import { runSync } from '@/lib/sync/run-sync';
import { cachedIds, createHarness, truthIds } from './helpers';

describe('faults', () => {
  it('completes with correct data through a 429 storm and server errors', async () => {
    const h = await createHarness({ mode: 'seed', locations: 3 });
    try {
      h.sim.setFaults({
        rateLimitStorm: { probability: 0.35, forMs: 1_500 },
        serverErrors: { probability: 0.1, forMs: 1_500 },
      });
      const runtime = await h.runtime();
      const result = await runSync(runtime.ctx, {
        mode: 'incremental',
        concurrency: 3,
        trigger: 'test',
      });
      expect(result.status).toBe('ok');
      const stats = h.sim.stats();
      expect(stats.injected.rateLimit).toBeGreaterThan(0);
      for (const loc of h.sim.world.locations) {
        expect(await cachedIds(h.db, 'contacts', loc.id)).toEqual(
          truthIds(h.sim, 'contacts', loc.id),
        );
        expect(await cachedIds(h.db, 'opportunities', loc.id)).toEqual(
          truthIds(h.sim, 'opportunities', loc.id),
        );
        expect(await cachedIds(h.db, 'transactions', loc.id)).toEqual(
          truthIds(h.sim, 'transactions', loc.id),
        );
      }
    } finally {
      await h.close();
    }
  });

  it('a malformed record fails that entity of that location, naming record and field; the rest complete', async () => {
    const h = await createHarness({ mode: 'seed', locations: 3 });
    try {
      const bad = h.sim.world.locations[1];
      if (!bad) throw new Error('world too small');
      const first = await (async () => {
        const runtime = await h.runtime();
        return runSync(runtime.ctx, { mode: 'incremental', concurrency: 3, trigger: 'test' });
      })();
      expect(first.status).toBe('ok');
      const cachedBefore = await cachedIds(h.db, 'opportunities', bad.id);
      const victim = h.sim.world.opportunities(bad.id)[3];
      if (!victim) throw new Error('no opportunity');
      h.sim.setFaults({
        malformed: [
          {
            locationId: bad.id,
            entity: 'opportunities',
            recordId: victim.id,
            set: { monetaryValue: 'abc' },
          },
        ],
      });

      const runtime = await h.runtime();
      const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 3, trigger: 'test' });
      expect(result.status).toBe('partial');
      const outcome = result.locations.find((l) => l.locationId === bad.id);
      const opp = outcome?.entities.find((e) => e.entity === 'opportunities');
      expect(opp?.status).toBe('error');
      expect(opp?.message).toContain(bad.id);
      expect(opp?.message).toContain('opportunities');
      expect(opp?.message).toContain(victim.id);
      expect(opp?.message).toContain('monetaryValue');
      expect(
        outcome?.entities
          .filter((e) => e.entity !== 'opportunities')
          .every((e) => e.status === 'ok'),
      ).toBe(true);
      const access = await h.db.locationAccess.findUniqueOrThrow({
        where: { locationId_entity: { locationId: bad.id, entity: 'opportunities' } },
      });
      expect(access.status).toBe('error');
      expect(access.message).toContain(victim.id);
      // Nothing cached was deleted because the read failed, even in a full run.
      expect(await cachedIds(h.db, 'opportunities', bad.id)).toEqual(cachedBefore);
      for (const other of result.locations.filter((l) => l.locationId !== bad.id)) {
        expect(other.entities.every((e) => e.status === 'ok')).toBe(true);
      }
    } finally {
      await h.close();
    }
  });

  it('a revoked agency token stops the whole run at once; cached data stays', async () => {
    const h = await createHarness({ mode: 'seed', locations: 4 });
    try {
      const first = await runSync((await h.runtime()).ctx, {
        mode: 'incremental',
        concurrency: 2,
        trigger: 'test',
      });
      expect(first.status).toBe('ok');
      const counts = await h.db.contact.count();
      let pages = 0;
      const runtime = await h.runtime({
        onPage: () => {
          pages += 1;
          if (pages === 3) h.sim.setFaults({ revokedAgencyToken: true });
        },
      });
      h.sim.resetStats();
      const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' });
      expect(result.status).toBe('failed');
      expect(result.fatal).toContain('agency token');
      expect(result.fatal).toContain('GHL_API_TOKEN');
      // Stopped at once: far fewer requests than a full sync of four locations.
      expect(h.sim.stats().total).toBeLessThan(15);
      expect(await h.db.contact.count()).toBe(counts);
      const run = await h.db.syncRun.findUniqueOrThrow({ where: { id: result.runId } });
      expect(run.status).toBe('failed');
      // Discovery with the revoked token fails fatally too.
      const again = await runSync(runtime.ctx, {
        mode: 'incremental',
        concurrency: 2,
        trigger: 'test',
      });
      expect(again.status).toBe('failed');
      expect(await h.db.location.count({ where: { archivedAt: { not: null } } })).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a spent daily budget stops that location; GHL outages leave it unavailable (not an access problem)', async () => {
    const h = await createHarness({ mode: 'seed', locations: 3 });
    try {
      const [spent, down, fine] = h.sim.world.locations;
      if (!spent || !down || !fine) throw new Error('world too small');
      h.sim.setFaults({
        dailyBudgetExhausted: [spent.id],
        serverErrors: { probability: 1, locationIds: [down.id], statuses: [503] },
      });
      const runtime = await h.runtime();
      const result = await runSync(runtime.ctx, {
        mode: 'incremental',
        concurrency: 3,
        trigger: 'test',
      });
      expect(result.status).toBe('partial');
      const byId = new Map(result.locations.map((l) => [l.locationId, l]));
      expect(byId.get(spent.id)?.entities.map((e) => e.status)).toEqual(
        Array(6).fill('budget_exhausted'),
      );
      expect(byId.get(spent.id)?.entities[0]?.fix).toContain('daily API budget');
      const spentAccess = await h.db.locationAccess.findMany({ where: { locationId: spent.id } });
      expect(spentAccess.map((a) => a.status)).toEqual(Array(6).fill('budget_exhausted'));
      expect(byId.get(down.id)?.entities.every((e) => e.status === 'unavailable')).toBe(true);
      expect(byId.get(down.id)?.entities[0]?.message).toContain('503');
      expect(await h.db.locationAccess.count({ where: { locationId: down.id } })).toBe(0);
      expect(byId.get(fine.id)?.entities.every((e) => e.status === 'ok')).toBe(true);
    } finally {
      await h.close();
    }
  });
});
