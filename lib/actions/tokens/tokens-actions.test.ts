import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { state } from '@/tests/signed-in';
import { resetEnvCache } from '@/lib/env';
import { runSync } from '@/lib/sync/run-sync';
import { createUser } from '@/lib/users/create-user';
import { createHarness, type SyncHarness } from '@/tests/sync/helpers';

// The real actions and routes, with the session and the database swapped for this file's own.
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { setLocationToken } = await import('./set-location-token');
const { removeLocationToken } = await import('./remove-location-token');

let h: SyncHarness;
let locationId: string;
let goodToken: string;
const saved = { ...process.env };

beforeAll(async () => {
  h = await createHarness({ mode: 'strict', locations: 2 });
  state.db = h.db;
  state.user = await createUser(h.db, {
    email: 'boss@example.com',
    name: 'Boss',
    role: 'admin',
    password: 'boss-password-123',
  });
  Object.assign(process.env, {
    GHL_API_BASE_URL: h.sim.url,
    GHL_API_TOKEN: h.sim.agencyToken,
    GHL_COMPANY_ID: h.sim.companyId,
    APP_ENCRYPTION_KEY: h.key.toString('hex'),
  });
  resetEnvCache();
  // Discovery (the agency token may list locations in strict mode) fills the locations table.
  const runtime = await h.runtime();
  await runSync(runtime.ctx, { mode: 'incremental', concurrency: 2, trigger: 'test' });
  locationId = h.sim.world.locations[0]!.id;
  goodToken = h.sim.world.locationToken(locationId);
});
afterAll(async () => {
  for (const key of ['GHL_API_BASE_URL', 'GHL_API_TOKEN', 'GHL_COMPANY_ID', 'APP_ENCRYPTION_KEY'])
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  resetEnvCache();
  await h?.close();
});

describe('tokens/* actions', () => {
  it('a wrong-scope token is checked live, shows the missing scopes, and is saved only when confirmed', async () => {
    const wrong = h.sim.agencyToken;
    const first = await setLocationToken({ locationId, token: wrong });
    expect(first).toMatchObject({
      ok: true,
      data: { saved: false, needsConfirmation: true, fingerprint: null },
    });
    expect(first.ok && first.data.check.missingScopes).toContain('contacts.readonly');
    expect(JSON.stringify(first)).not.toContain(wrong);
    expect(await h.db.locationToken.count()).toBe(0);

    const confirmed = await setLocationToken({
      locationId,
      token: wrong,
      confirmMissingScopes: true,
    });
    expect(confirmed).toMatchObject({
      ok: true,
      data: { saved: true, fingerprint: expect.any(String) },
    });
    expect(JSON.stringify(confirmed)).not.toContain(wrong);
  });

  it('a good token replaces it, is never returned, and is the one the next sync uses', async () => {
    const result = await setLocationToken({ locationId, token: goodToken });
    expect(result).toMatchObject({
      ok: true,
      data: { saved: true, needsConfirmation: false, check: { isComplete: true } },
    });
    const fingerprint = result.ok ? result.data.fingerprint : null;
    expect(JSON.stringify(result)).not.toContain(goodToken);
    expect(
      (await h.db.locationToken.findUniqueOrThrow({ where: { locationId } })).fingerprint,
    ).toBe(fingerprint);

    const runtime = await h.runtime();
    const run = await runSync(runtime.ctx, {
      mode: 'incremental',
      locationId,
      concurrency: 1,
      trigger: 'test',
    });
    await runtime.close();
    expect(run.status).toBe('ok');
    const used = await h.db.apiCallLog.findMany({
      where: { locationId, endpoint: { not: { startsWith: '/locations' } } },
      distinct: ['tokenFingerprint'],
      select: { tokenFingerprint: true },
      orderBy: { tokenFingerprint: 'asc' },
    });
    expect(used.map((u) => u.tokenFingerprint)).toContain(fingerprint);
    expect(
      (await h.db.locationAccess.findMany({ where: { locationId } })).every(
        (a) => a.status === 'ok',
      ),
    ).toBe(true);

    const audit = await h.db.auditLogEntry.findMany({
      // The seeded users come from `user add` (createUser), audited as the CLI.
      where: { actorEmail: { not: 'cli' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual(['token.set', 'token.set']);
    expect(audit[1]).toMatchObject({ after: { fingerprint, missingScopes: [] } });
    expect(JSON.stringify(audit)).not.toContain(goodToken);
    expect(JSON.stringify(audit)).not.toContain(h.sim.agencyToken);
  });

  it('refuses a rejected token outright, and an unknown location', async () => {
    const rejected = await setLocationToken({
      locationId,
      token: 'pit-00000000-0000-4000-8000-000000000000',
      confirmMissingScopes: true,
    });
    expect(rejected).toMatchObject({
      ok: true,
      data: { saved: false, check: { isRejected: true } },
    });
    expect(await setLocationToken({ locationId: 'nope', token: goodToken })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await setLocationToken({ locationId, token: 'two words' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { token: expect.any(String) } },
    });
  });

  it('removes a token (audited by fingerprint); a second removal is not_found', async () => {
    const removed = await removeLocationToken({ locationId });
    expect(removed).toMatchObject({ ok: true, data: { removedFingerprint: expect.any(String) } });
    expect(await h.db.locationToken.count()).toBe(0);
    expect(await removeLocationToken({ locationId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const entry = await h.db.auditLogEntry.findFirstOrThrow({ where: { action: 'token.remove' } });
    expect(entry).toMatchObject({ targetId: locationId, after: { tokenKind: 'agency' } });
  });
});
