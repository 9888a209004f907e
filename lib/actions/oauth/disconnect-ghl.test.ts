import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSync } from '@/lib/sync/run-sync';
import { createUser } from '@/lib/users/create-user';
import { state } from '@/tests/signed-in';
import { createOAuthHarness, type OAuthHarness } from '@/tests/oauth/helpers';

// "Disconnect" on /settings/connect: the real action with this file's session and database; GHL
// is the simulator (marketplace mode).
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { disconnectGhl } = await import('./disconnect-ghl');

let h: OAuthHarness;

beforeAll(async () => {
  h = await createOAuthHarness({ locations: 2, latencyMs: 2 });
  state.db = h.db;
  state.user = await createUser(h.db, {
    email: 'disconnect-admin@example.com',
    name: 'Disconnect Admin',
    role: 'admin',
    password: 'disconnect-password-123',
  });
  expect(await h.connect()).toMatchObject({ ok: true });
  const runtime = await h.runtime(undefined, undefined, { agencyToken: null });
  const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' });
  expect(result.status).toBe('ok');
});
afterAll(() => h?.close());

describe('Disconnect GoHighLevel', () => {
  it('staff may not disconnect; nothing is deleted', async () => {
    const admin = state.user!;
    try {
      state.user = { ...admin, role: 'staff' };
      expect(await disconnectGhl({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      state.user = admin;
    }
    expect(await h.db.oAuthConnection.count()).toBe(1);
  });

  it('deletes the agency tokens and cached location tokens, audited; cached data stays', async () => {
    const contacts = await h.db.contact.count();
    const cached = await h.db.oAuthLocationToken.count();
    expect(contacts).toBeGreaterThan(0);
    expect(cached).toBe(2);
    const before = await h.db.oAuthConnection.findUniqueOrThrow({ where: { id: 'agency' } });

    expect(await disconnectGhl({})).toEqual({ ok: true, data: { locationTokens: 2 } });

    expect(await h.db.oAuthConnection.count()).toBe(0);
    expect(await h.db.oAuthLocationToken.count()).toBe(0);
    expect(await h.db.location.count({ where: { appInstalled: { not: null } } })).toBe(0);
    expect(await h.db.contact.count()).toBe(contacts);
    const audit = await h.db.auditLogEntry.findMany({ where: { action: 'oauth.disconnect' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorEmail: 'disconnect-admin@example.com' });
    expect(audit[0]!.before).toMatchObject({ refreshFingerprint: before.refreshFingerprint });
    const text = JSON.stringify(audit[0]);
    expect(text).not.toContain(before.accessCiphertext);
    expect(text).not.toContain(before.refreshCiphertext);

    // A second disconnect has nothing to do.
    expect(await disconnectGhl({})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('then locations fall back to the agency PIT, or the sync stops saying GoHighLevel is not connected', async () => {
    const id = h.sim.world.locations[0]!.id;
    const withPit = await h.runtime();
    expect((await withPit.ctx.credentials.tokenForLocation(id)).kind).toBe('agency');
    const contacts = await h.db.contact.count();
    const bare = await h.runtime(undefined, undefined, { agencyToken: null });
    const result = await runSync(bare.ctx, {
      mode: 'incremental',
      concurrency: 2,
      trigger: 'test',
    });
    expect(result.status).toBe('failed');
    expect(result.fatal).toMatch(/GoHighLevel is not connected/);
    expect(await h.db.contact.count()).toBe(contacts);
  });
});
