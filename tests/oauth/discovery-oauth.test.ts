import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSyncHealth } from '@/lib/metrics/get-sync-health';
import { runSync } from '@/lib/sync/run-sync';
import { createOAuthHarness, type OAuthHarness } from './helpers';

// An install with the Marketplace app only (GHL_OAUTH_*, no GHL_API_TOKEN) in the simulator's
// marketplace mode: discovery lists the locations with the agency (Company) access token, and
// GET /oauth/installedLocations decides where location tokens may be minted.
let h: OAuthHarness;
let uninstalled: string;

beforeAll(async () => {
  h = await createOAuthHarness({ latencyMs: 5 });
  expect(await h.connect()).toMatchObject({ ok: true });
  uninstalled = h.sim.world.locations[2]!.id;
  h.sim.oauth.config.uninstalledLocations.push(uninstalled);
});
afterAll(() => h.close());

describe('discovery through the OAuth agency token (no agency PIT)', () => {
  it('lists every location with the Company token; a location without the app shows app_not_installed with its fix, no mint tried', async () => {
    // Any use of the agency PIT would now fail: discovery must use the OAuth token.
    h.sim.faults.revokedAgencyToken = true;
    const refusedBefore = h.sim.oauth.stats().locationTokensRefused;
    const runtime = await h.runtime(undefined, undefined, { agencyToken: null });
    const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' });
    expect(result.fatal).toBeNull();
    expect(result.status).toBe('partial');

    const stored = await h.db.location.findMany({ orderBy: { id: 'asc' } });
    expect(stored.map((l) => l.id)).toEqual(h.sim.world.locations.map((l) => l.id).sort());
    for (const location of stored) expect(location.appInstalled).toBe(location.id !== uninstalled);

    // The installed ones synced through OAuth location tokens.
    for (const location of h.sim.world.locations.filter((l) => l.id !== uninstalled))
      expect(await h.db.contact.count({ where: { locationId: location.id } })).toBe(
        h.sim.world.records(location.id, 'contacts').length,
      );
    // The other one was never sent to POST /oauth/locationToken.
    expect(h.sim.oauth.stats().locationTokensRefused).toBe(refusedBefore);
    const access = await h.db.locationAccess.findMany({ where: { locationId: uninstalled } });
    expect(access).toHaveLength(6);
    expect(new Set(access.map((a) => a.status))).toEqual(new Set(['app_not_installed']));
    const health = await getSyncHealth(h.db, {});
    const row = health.locations.find((l) => l.locationId === uninstalled)!;
    const entity = row.entities.find((e) => e.entity === 'contacts')!;
    expect(entity.status).toBe('app_not_installed');
    expect(entity.fix).toMatch(/not installed on this sub-account/);
    expect(entity.fix).toMatch(/Manage installations/);
    expect(entity.fix).toContain(`location-token set ${uninstalled}`);
  });

  it('once the app is installed there, the next discovery lets that location sync', async () => {
    h.sim.oauth.config.uninstalledLocations.length = 0;
    const runtime = await h.runtime(undefined, undefined, { agencyToken: null });
    const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' });
    expect(result.status).toBe('ok');
    expect(
      (await h.db.location.findUniqueOrThrow({ where: { id: uninstalled } })).appInstalled,
    ).toBe(true);
    expect(await h.db.contact.count({ where: { locationId: uninstalled } })).toBe(
      h.sim.world.records(uninstalled, 'contacts').length,
    );
  });

  it('a location without the app falls back to the agency PIT when one is set', async () => {
    h.sim.faults.revokedAgencyToken = false;
    await h.db.location.update({ where: { id: uninstalled }, data: { appInstalled: false } });
    const withPit = await h.runtime();
    expect((await withPit.ctx.credentials.tokenForLocation(uninstalled)).kind).toBe('agency');
    const without = await h.runtime(undefined, undefined, { agencyToken: null });
    await expect(without.ctx.credentials.tokenForLocation(uninstalled)).rejects.toThrow(
      /not installed on sub-account/,
    );
  });

  it('without a connection and without an agency PIT the run stops saying how to connect; cached data stays', async () => {
    const contacts = await h.db.contact.count();
    const saved = await h.db.oAuthConnection.findUniqueOrThrow({ where: { id: 'agency' } });
    await h.db.oAuthConnection.deleteMany({});
    try {
      const runtime = await h.runtime(undefined, undefined, { agencyToken: null });
      const result = await runSync(runtime.ctx, {
        mode: 'incremental',
        concurrency: 2,
        trigger: 'test',
      });
      expect(result.status).toBe('failed');
      expect(result.fatal).toMatch(/GoHighLevel is not connected/);
      expect(result.fatal).toMatch(/Settings → Connect GoHighLevel/);
      expect(await h.db.contact.count()).toBe(contacts);
    } finally {
      await h.db.oAuthConnection.create({ data: saved });
    }
  });
});
