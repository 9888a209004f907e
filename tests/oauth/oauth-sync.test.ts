import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSyncHealth } from '@/lib/metrics/get-sync-health';
import { readConnection } from '@/lib/oauth/connection-store';
import { connectionStatusLine } from '@/lib/oauth/connection-status-line';
import { getOAuthConnectionStatus } from '@/lib/oauth/get-connection-status';
import { runSync } from '@/lib/sync/run-sync';
import { setLocationToken } from '@/lib/sync/location-tokens';
import { createOAuthHarness, type OAuthHarness } from './helpers';

// A sync through OAuth location tokens in the simulator's marketplace mode (PITs refused on
// location data), against a real PostgreSQL: tokens that expire mid-run, refresh in a single
// flight across processes, a reused refresh token, an inactive sub-account.
let h: OAuthHarness;

const contactsOf = (locationId: string) => h.db.contact.count({ where: { locationId } });

beforeAll(async () => {
  h = await createOAuthHarness({
    latencyMs: 15,
    oauth: { accessTtlSeconds: 3, locationTtlSeconds: 3 },
  });
  expect(await h.connect()).toMatchObject({ ok: true });
});
afterAll(() => h.close());

describe('sync through OAuth location tokens', () => {
  it('syncs every location in marketplace mode; tokens expiring during the run are renewed without a failure', async () => {
    let pages = 0;
    const runtime = await h.runtime(
      {
        onPage: () => {
          // Mid-run, every access token dies at once (agency and location): the next call gets
          // 401, the location token is re-minted, which needs a refreshed agency token.
          if (++pages === 3) h.sim.oauth.expireAccessTokens();
        },
      },
      { entityConcurrency: 1 },
    );
    const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 1, trigger: 'test' });
    expect(result.fatal).toBeNull();
    expect(result.status).toBe('ok');
    for (const location of h.sim.world.locations)
      expect(await contactsOf(location.id)).toBe(
        h.sim.world.records(location.id, 'contacts').length,
      );
    const stats = h.sim.oauth.stats();
    expect(stats.refresh).toBeGreaterThanOrEqual(1);
    expect(stats.refreshRefused).toBe(0);
    expect(stats.locationTokens).toBeGreaterThan(h.sim.world.locations.length);
    const access = await h.db.locationAccess.findMany();
    expect(access.length).toBe(h.sim.world.locations.length * 6);
    expect(new Set(access.map((a) => `${a.status}/${a.tokenKind}`))).toEqual(new Set(['ok/oauth']));
    // Location tokens are cached encrypted, never in plain text.
    const cached = await h.db.oAuthLocationToken.findMany();
    expect(cached.length).toBeGreaterThan(0);
    for (const row of cached) expect(row.ciphertext.startsWith('v1.')).toBe(true);
    const health = await getSyncHealth(h.db, {});
    expect(new Set(health.locations.map((l) => l.tokenKind))).toEqual(new Set(['oauth']));
  });

  it('three processes needing a refresh at once refresh once (advisory lock); the rotated token is stored first', async () => {
    h.sim.oauth.expireAccessTokens();
    await h.db.oAuthConnection.update({
      where: { id: 'agency' },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });
    await h.db.oAuthLocationToken.deleteMany({});
    const before = await readConnection(h.db, h.key);
    const refreshesBefore = h.sim.oauth.stats().refresh;
    const runtimes = await Promise.all([h.runtime(), h.runtime(), h.runtime()]);
    const ids = h.sim.world.locations.map((l) => l.id);
    const tokens = await Promise.all(
      runtimes.map((r, i) => r.ctx.credentials.tokenForLocation(ids[i % ids.length]!)),
    );
    expect(tokens.map((t) => t.kind)).toEqual(['oauth', 'oauth', 'oauth']);
    expect(h.sim.oauth.stats().refresh - refreshesBefore).toBe(1);
    expect(h.sim.oauth.stats().refreshRefused).toBe(0);
    const after = await readConnection(h.db, h.key);
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(after!.status).toBe('connected');
  });

  it('the credential order: own PIT, then an OAuth location token, then the agency PIT', async () => {
    const [own, viaOAuth] = h.sim.world.locations;
    await setLocationToken(h.db, own!.id, h.sim.world.locationToken(own!.id), h.key);
    const runtime = await h.runtime();
    expect((await runtime.ctx.credentials.tokenForLocation(own!.id)).kind).toBe('location');
    expect((await runtime.ctx.credentials.tokenForLocation(viaOAuth!.id)).kind).toBe('oauth');
    const health = await getSyncHealth(h.db, {});
    expect(health.locations.find((l) => l.locationId === own!.id)?.tokenKind).toBe('location');
    await h.db.locationToken.deleteMany({});
    const saved = await h.db.oAuthConnection.findUniqueOrThrow({ where: { id: 'agency' } });
    await h.db.oAuthConnection.deleteMany({});
    try {
      const bare = await h.runtime();
      expect((await bare.ctx.credentials.tokenForLocation(viaOAuth!.id)).kind).toBe('agency');
    } finally {
      await h.db.oAuthConnection.create({ data: saved });
    }
  });

  it('"Location is not active" becomes location_inactive with its fix; the other locations sync', async () => {
    const inactive = h.sim.world.locations[2]!.id;
    await h.db.oAuthLocationToken.deleteMany({});
    h.sim.oauth.config.inactiveLocations = [inactive];
    try {
      const runtime = await h.runtime();
      const result = await runSync(runtime.ctx, {
        mode: 'incremental',
        concurrency: 2,
        trigger: 'test',
      });
      expect(result.status).toBe('partial');
      const outcome = result.locations.find((l) => l.locationId === inactive)!;
      expect(new Set(outcome.entities.map((e) => e.status))).toEqual(
        new Set(['location_inactive']),
      );
      expect(outcome.entities[0]!.fix).toMatch(/not active.*Reactivate/);
      for (const other of result.locations.filter((l) => l.locationId !== inactive))
        expect(other.entities.every((e) => e.status === 'ok' || e.status === 'skipped')).toBe(true);
      const health = await getSyncHealth(h.db, {});
      const shown = health.locations.find((l) => l.locationId === inactive)!;
      expect(shown.entities[0]).toMatchObject({
        status: 'location_inactive',
        message: 'Location is not active',
      });
      expect(shown.entities[0]!.fix).toMatch(/Reactivate/);
    } finally {
      h.sim.oauth.config.inactiveLocations = [];
    }
  });

  it('a reused refresh token puts the connection in "needs reconnect": the sync stops with that message and cached data stays', async () => {
    const counts = await Promise.all(h.sim.world.locations.map((l) => contactsOf(l.id)));
    // Someone else spends the stored refresh token (a copied database, an old backup…).
    const stored = await readConnection(h.db, h.key);
    const stolen = await fetch(`${h.sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: h.settings.clientId,
        client_secret: h.settings.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: stored!.refreshToken,
      }).toString(),
    });
    expect(stolen.status).toBe(200);
    h.sim.oauth.expireAccessTokens();
    await h.db.oAuthLocationToken.deleteMany({});
    await h.db.oAuthConnection.update({
      where: { id: 'agency' },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });

    const runtime = await h.runtime();
    const result = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 2,
      trigger: 'test',
    });
    expect(result.status).toBe('failed');
    expect(result.fatal).toMatch(/needs to be reconnected: GHL refused the refresh token/);
    expect(result.fatal).toMatch(/Settings → Connect GoHighLevel/);
    expect(result.fatal).not.toContain(stored!.refreshToken);
    const status = await getOAuthConnectionStatus(h.db);
    expect(status.state).toBe('needs_reconnect');
    expect(connectionStatusLine(status)).toMatch(/NEEDS RECONNECT/);
    // GHL's reuse detection revoked the whole family, the thief's tokens too.
    expect(h.sim.oauth.stats().familiesRevoked).toBe(1);
    expect(await Promise.all(h.sim.world.locations.map((l) => contactsOf(l.id)))).toEqual(counts);

    // The next run stops at once with the same message, without asking GHL again.
    const refused = h.sim.oauth.stats().refreshRefused;
    const again = await runSync((await h.runtime()).ctx, {
      mode: 'incremental',
      concurrency: 2,
      trigger: 'test',
    });
    expect(again.fatal).toMatch(/needs to be reconnected/);
    expect(h.sim.oauth.stats().refreshRefused).toBe(refused);

    // Reconnecting brings it back.
    expect(await h.connect()).toMatchObject({ ok: true });
    const healed = await runSync((await h.runtime()).ctx, {
      mode: 'incremental',
      concurrency: 2,
      trigger: 'test',
    });
    expect(healed.status).toBe('ok');
  });
});
