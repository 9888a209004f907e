import { describe, expect, it } from 'vitest';
import { nodeHttpFetch, type HttpFetch } from '@/lib/ghl/http';
import { setLocationToken } from '@/lib/sync/location-tokens';
import { runSync } from '@/lib/sync/run-sync';
import { DEFAULT_ENTITY_CONCURRENCY as ENTITY_CONCURRENCY } from '@/lib/sync/context';
import { cachedIds, createHarness, truthIds } from './helpers';

/** A fetch that tracks how many entity requests (everything but /locations) are in flight. */
function countingFetch() {
  const seen = { inFlight: 0, max: 0, maxBeforeAnswer: 0, answered: false };
  const fetch: HttpFetch = async (url, init) => {
    const isEntity = !new URL(url).pathname.startsWith('/locations');
    if (!isEntity) return nodeHttpFetch(url, init);
    seen.inFlight++;
    seen.max = Math.max(seen.max, seen.inFlight);
    if (!seen.answered) seen.maxBeforeAnswer = Math.max(seen.maxBeforeAnswer, seen.inFlight);
    try {
      const response = await nodeHttpFetch(url, init);
      if (response.status === 200) seen.answered = true;
      return response;
    } finally {
      seen.inFlight--;
    }
  };
  return { fetch, seen };
}

describe('entities of one location', () => {
  it('are read one at a time until the location answers, then several at once', async () => {
    const h = await createHarness({ mode: 'seed', locations: 1, latencyMs: 25 });
    try {
      const { fetch, seen } = countingFetch();
      const result = await runSync((await h.runtime({}, { fetch })).ctx, {
        mode: 'full',
        concurrency: 1,
        trigger: 'test',
      });
      expect(result.status).toBe('ok');
      expect(seen.maxBeforeAnswer).toBe(1);
      expect(seen.max).toBeGreaterThan(1);
      expect(seen.max).toBeLessThanOrEqual(ENTITY_CONCURRENCY);
      const id = h.sim.world.locations[0]!.id;
      for (const table of ['contacts', 'opportunities', 'transactions', 'orders'] as const)
        expect(await cachedIds(h.db, table, id)).toEqual(truthIds(h.sim, table, id));
    } finally {
      await h.close();
    }
  });

  it('a location token revoked mid-run stops the entities still running and marks them; a later run completes', async () => {
    const h = await createHarness({ mode: 'strict', locations: 1, latencyMs: 20 });
    try {
      const id = h.sim.world.locations[0]!.id;
      await setLocationToken(h.db, id, h.sim.world.locationToken(id), h.key);
      let pages = 0;
      const runtime = await h.runtime({
        onPage: () => {
          if (++pages !== 3) return;
          h.sim.setFaults({ revokedLocationTokens: [id] });
          h.sim.resetStats();
        },
      });
      const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 1, trigger: 'test' });
      expect(result.status).toBe('partial');
      const statuses = result.locations[0]!.entities.map((e) => e.status);
      expect(statuses.every((s) => s === 'ok' || s === 'token_revoked')).toBe(true);
      const revoked = statuses.filter((s) => s === 'token_revoked').length;
      expect(revoked).toBeGreaterThanOrEqual(2);
      // After the revocation an entity gets at most one 401 (not retried), and those not started
      // by then send nothing. (Requests already in flight at the fault may still answer 200.)
      const rejected = h.sim.stats().byStatus['401'] ?? 0;
      expect(rejected).toBeGreaterThanOrEqual(1);
      expect(rejected).toBeLessThanOrEqual(revoked);
      expect(h.sim.stats().maxConcurrent).toBeLessThanOrEqual(ENTITY_CONCURRENCY);
      const access = await h.db.locationAccess.findMany({ where: { locationId: id } });
      expect(
        access
          .filter((a) => a.status === 'token_revoked')
          .map((a) => a.entity)
          .sort(),
      ).toEqual(
        result.locations[0]!.entities.filter((e) => e.status === 'token_revoked')
          .map((e) => e.entity)
          .sort(),
      );
      expect((await h.db.location.findUniqueOrThrow({ where: { id } })).lastSyncedAt).toBeNull();

      h.sim.resetFaults();
      const again = await runSync((await h.runtime()).ctx, {
        mode: 'full',
        concurrency: 1,
        trigger: 'test',
      });
      expect(again.status).toBe('ok');
      for (const table of ['contacts', 'opportunities', 'transactions', 'orders'] as const)
        expect(await cachedIds(h.db, table, id)).toEqual(truthIds(h.sim, table, id));
    } finally {
      await h.close();
    }
  });
});
