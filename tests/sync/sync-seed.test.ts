import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSync } from '@/lib/sync/run-sync';
import { cachedIds, createHarness, type SyncHarness, truthIds } from './helpers';

let h: SyncHarness;
beforeAll(async () => {
  h = await createHarness({ mode: 'seed' });
});
afterAll(async () => {
  await h.close();
});

describe('sync in seed mode (the agency token reads everything)', () => {
  it('caches every location and entity exactly as the simulator serves them', async () => {
    const runtime = await h.runtime();
    const result = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 3,
      trigger: 'test',
    });
    await runtime.close();
    expect(result.status).toBe('ok');
    expect(result.locations).toHaveLength(h.sim.world.locations.length);

    for (const loc of h.sim.world.locations) {
      expect(await cachedIds(h.db, 'contacts', loc.id)).toEqual(
        truthIds(h.sim, 'contacts', loc.id),
      );
      expect(await cachedIds(h.db, 'orders', loc.id)).toEqual(truthIds(h.sim, 'orders', loc.id));
      expect(await cachedIds(h.db, 'subscriptions', loc.id)).toEqual(
        truthIds(h.sim, 'subscriptions', loc.id),
      );
      const opps = await h.db.opportunity.findMany({ where: { locationId: loc.id } });
      const truth = new Map(h.sim.world.opportunities(loc.id).map((o) => [o.id, o]));
      expect(opps).toHaveLength(truth.size);
      for (const o of opps) {
        const t = truth.get(o.id);
        expect(t, o.id).toBeDefined();
        expect(o.status).toBe(t?.status);
        expect(o.monetaryValue?.toFixed(2)).toBe(t?.monetaryValue.toFixed(2));
        expect(o.pipelineId).toBe(t?.pipelineId);
        expect(o.createdAt.toISOString()).toBe(new Date(t?.createdAt ?? 0).toISOString());
      }
      const txns = await h.db.transaction.findMany({ where: { locationId: loc.id } });
      const txTruth = new Map(h.sim.world.transactions(loc.id).map((t) => [t._id, t]));
      expect(txns).toHaveLength(txTruth.size);
      for (const t of txns) {
        const g = txTruth.get(t.id);
        expect(t.status).toBe(g?.status);
        expect(t.amount.toFixed(4)).toBe(g?.amount.toFixed(4));
        expect(t.amountRefunded.toFixed(4)).toBe((g?.amountRefunded ?? 0).toFixed(4));
        expect(t.currency).toBe(g?.currency);
        expect(t.liveMode).toBe(g?.liveMode);
      }
      const stages = await h.db.pipelineStage.count({ where: { locationId: loc.id } });
      expect(stages).toBe(h.sim.world.pipelines(loc.id).reduce((n, p) => n + p.stages.length, 0));
      const access = await h.db.locationAccess.findMany({ where: { locationId: loc.id } });
      expect(access.map((a) => `${a.entity}:${a.status}`).sort()).toEqual(
        ['contacts', 'opportunities', 'orders', 'pipelines', 'subscriptions', 'transactions'].map(
          (e) => `${e}:ok`,
        ),
      );
      const location = await h.db.location.findUniqueOrThrow({ where: { id: loc.id } });
      expect(location.timezone).toBe(loc.timezone);
      expect(location.lastSyncedAt).not.toBeNull();
    }
    const checkpoints = await h.db.syncCheckpoint.findMany();
    expect(
      checkpoints.every(
        (c) => c.lastSuccessAt !== null && c.cursor === null && c.runStartedAt === null,
      ),
    ).toBe(true);
    const logged = await h.db.apiCallLog.aggregate({ _sum: { count: true } });
    expect(logged._sum.count).toBe(h.sim.stats().total);
    const run = await h.db.syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: 'ok', locationsTotal: 4, locationsDone: 4 });
  });
});
