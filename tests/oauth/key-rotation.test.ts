import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { readConnection } from '@/lib/oauth/connection-store';
import { readCachedLocationToken } from '@/lib/oauth/location-token-cache';
import { runSync } from '@/lib/sync/run-sync';
import { reencryptTokens } from '@/tests/cli';
import { createOAuthHarness, type OAuthHarness } from './helpers';

// APP_ENCRYPTION_KEY rotation with a Marketplace connection stored: `location-token re-encrypt`
// moves the agency tokens and the cached location tokens to the new key, so no reconnect is needed.
let h: OAuthHarness;
const NEW = randomBytes(32);
const saved = { ...process.env };

beforeAll(async () => {
  h = await createOAuthHarness({ locations: 2, latencyMs: 2 });
  expect(await h.connect()).toMatchObject({ ok: true });
  const runtime = await h.runtime(undefined, undefined, { agencyToken: null });
  expect(
    (await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' })).status,
  ).toBe('ok');
});
afterAll(async () => {
  process.env = saved;
  resetEnvCache();
  await h?.close();
});

const reencrypt = () => reencryptTokens({ databaseUrl: h.t.url, key: NEW, previousKey: h.key });

describe('key rotation re-encrypts the OAuth tokens', () => {
  it('after re-encrypt the connection and cached location tokens decrypt with the new key only', async () => {
    const before = await readConnection(h.db, h.key);
    const locationId = h.sim.world.locations[0]!.id;
    const cachedBefore = await readCachedLocationToken(h.db, locationId, h.key);
    expect(cachedBefore).not.toBeNull();

    const first = await reencrypt();
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      'GoHighLevel connection: tokens re-encrypted with the new key; 2 cached location token(s) re-encrypted',
    );
    const after = await readConnection(h.db, NEW);
    expect(after).toMatchObject({
      accessToken: before!.accessToken,
      refreshToken: before!.refreshToken,
    });
    await expect(readConnection(h.db, h.key)).rejects.toThrow();
    expect((await readCachedLocationToken(h.db, locationId, NEW))?.token).toBe(cachedBefore!.token);
    // Nothing secret is printed.
    expect(`${first.out}${first.err}`).not.toContain(before!.refreshToken);

    const again = await reencrypt();
    expect(again.code).toBe(0);
    expect(again.out).toContain('GoHighLevel connection: tokens already use the new key');
  });

  it('a refresh still works with the new key: the rotated refresh token is stored under it', async () => {
    const before = await readConnection(h.db, NEW);
    const refreshes = h.sim.oauth.stats().refresh;
    // Every access token dies: the next sync must refresh with the re-encrypted refresh token.
    h.sim.oauth.expireAccessTokens();
    await h.db.oAuthConnection.update({
      where: { id: 'agency' },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });
    await h.db.oAuthLocationToken.deleteMany({});
    const runtime = await h.runtime(undefined, undefined, { agencyToken: null, key: NEW });
    const result = await runSync(runtime.ctx, {
      mode: 'incremental',
      concurrency: 2,
      trigger: 'test',
    });
    expect(result.fatal).toBeNull();
    expect(result.status).toBe('ok');
    expect(h.sim.oauth.stats().refresh).toBe(refreshes + 1);
    expect(h.sim.oauth.stats().refreshRefused).toBe(0);
    const after = await readConnection(h.db, NEW);
    expect(after!.status).toBe('connected');
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
  });
});
