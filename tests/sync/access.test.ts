import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLocationToken } from '@/lib/sync/location-tokens';
import { runSync } from '@/lib/sync/run-sync';
import { createHarness, type SyncHarness } from './helpers';

let h: SyncHarness;
beforeAll(async () => {
  h = await createHarness({ mode: 'strict', locations: 5 });
});
afterAll(async () => {
  await h.close();
});

async function accessOf(locationId: string) {
  const rows = await h.db.locationAccess.findMany({
    where: { locationId },
    orderBy: { entity: 'asc' },
  });
  return Object.fromEntries(rows.map((r) => [r.entity, r]));
}

describe('strict mode: per-location tokens and access problems', () => {
  it('syncs locations with their own PIT, marks the rest scope_missing, and isolates 401/403s', async () => {
    const [l0, l1, l2, l3, l4] = h.sim.world.locations;
    if (!l0 || !l1 || !l2 || !l3 || !l4) throw new Error('world too small');
    // l0, l1, l2, l3 have their own PIT; l4 has none (the agency token lacks the scopes).
    for (const loc of [l0, l1, l2, l3])
      await setLocationToken(h.db, loc.id, h.sim.world.locationToken(loc.id), h.key);
    h.sim.setFaults({
      missingScopes: [{ locationId: l1.id, entity: 'transactions' }],
      forbiddenLocations: [l2.id],
      revokedLocationTokens: [l3.id],
    });

    const runtime = await h.runtime();
    const result = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 3,
      trigger: 'test',
    });
    expect(result.status).toBe('partial');

    const a0 = await accessOf(l0.id);
    expect(Object.values(a0).map((a) => a.status)).toEqual(Array(6).fill('ok'));
    expect(a0.contacts?.tokenKind).toBe('location');
    expect(await h.db.contact.count({ where: { locationId: l0.id } })).toBe(
      h.sim.world.contacts(l0.id).length,
    );

    const a1 = await accessOf(l1.id);
    expect(a1.transactions).toMatchObject({
      status: 'scope_missing',
      tokenKind: 'location',
      message: 'The token is not authorized for this scope.',
    });
    expect(a1.transactions?.traceId).toBeTruthy();
    for (const e of ['contacts', 'opportunities', 'pipelines', 'orders', 'subscriptions'])
      expect(a1[e]?.status).toBe('ok');
    expect(await h.db.transaction.count({ where: { locationId: l1.id } })).toBe(0);
    expect(await h.db.order.count({ where: { locationId: l1.id } })).toBe(
      h.sim.world.orders(l1.id).length,
    );

    const a2 = await accessOf(l2.id);
    expect(Object.values(a2).map((a) => a.status)).toEqual(Array(6).fill('forbidden'));
    expect(a2.contacts?.message).toBe('The token does not have access to this location.');

    // A revoked location token stops that location after one request, marking every entity.
    const a3 = await accessOf(l3.id);
    expect(Object.values(a3).map((a) => a.status)).toEqual(Array(6).fill('token_revoked'));
    await runtime.callLog.flush();
    const l3Calls = await h.db.apiCallLog.aggregate({
      where: { locationId: l3.id },
      _sum: { count: true },
    });
    expect(l3Calls._sum.count).toBe(1);

    const a4 = await accessOf(l4.id);
    expect(Object.values(a4).map((a) => [a.status, a.tokenKind])).toEqual(
      Array(6).fill(['scope_missing', 'agency']),
    );
    expect(await h.db.contact.count({ where: { locationId: l4.id } })).toBe(0);
    const l4Checkpoints = await h.db.syncCheckpoint.findMany({
      where: { locationId: l4.id, lastSuccessAt: { not: null } },
    });
    expect(l4Checkpoints).toHaveLength(0);
    expect(
      (await h.db.location.findUniqueOrThrow({ where: { id: l4.id } })).lastSyncedAt,
    ).toBeNull();

    const outcome4 = result.locations.find((l) => l.locationId === l4.id);
    expect(outcome4?.entities[0]?.fix).toContain(`npm run cli -- location-token set ${l4.id}`);
    expect(outcome4?.entities[0]?.fix).toContain('contacts.readonly');

    // Tokens never reach the database in clear or the call log.
    const logs = await h.db.apiCallLog.findMany();
    expect(new Set(logs.map((l) => l.tokenFingerprint)).size).toBeGreaterThan(1);
    const dump = JSON.stringify([
      logs,
      await h.db.locationAccess.findMany(),
      await h.db.locationToken.findMany(),
      result,
    ]);
    for (const loc of [l0, l1, l2, l3, l4])
      expect(dump).not.toContain(h.sim.world.locationToken(loc.id));
    expect(dump).not.toContain(h.sim.agencyToken);
  });

  it('fixing the problems lets the next sync reach ok without touching cached data', async () => {
    const [l0, l1] = h.sim.world.locations;
    if (!l0 || !l1) throw new Error('world too small');
    const before = await h.db.contact.count({ where: { locationId: l0.id } });
    h.sim.resetFaults();
    const runtime = await h.runtime();
    const result = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 3,
      locationId: l1.id,
      trigger: 'test',
    });
    expect(result.status).toBe('ok');
    expect((await accessOf(l1.id)).transactions?.status).toBe('ok');
    expect(await h.db.transaction.count({ where: { locationId: l1.id } })).toBe(
      h.sim.world.transactions(l1.id).length,
    );
    expect(await h.db.contact.count({ where: { locationId: l0.id } })).toBe(before);
  });
});
