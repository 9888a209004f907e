import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { completeConnect } from '@/lib/oauth/complete-connect';
import { readConnection } from '@/lib/oauth/connection-store';
import { createConnectState } from '@/lib/oauth/create-connect-state';
import { getOAuthConnectionStatus } from '@/lib/oauth/get-connection-status';
import { createOAuthHarness, followAuthorize, type OAuthHarness } from './helpers';

// "Connect GoHighLevel" against the simulator's Marketplace app and a real PostgreSQL: the code
// exchange, and every CSRF/state failure refused before any token is asked for.
let h: OAuthHarness;

beforeAll(async () => {
  h = await createOAuthHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.oAuthConnection.deleteMany({});
  await h.db.auditLogEntry.deleteMany({});
  h.sim.oauth.resetStats();
});

function complete(state: string | null, cookieState: string | null, code: string | null) {
  return completeConnect(
    h.db,
    { user: h.admin, code, state, error: null, cookieState },
    { settings: h.settings, key: h.key, ghl: { baseUrl: h.sim.url }, companyId: h.sim.companyId },
  );
}

describe('connect', () => {
  it('exchanges the code (form-encoded, user_type=Company) and stores both tokens encrypted, with an audit entry', async () => {
    expect(await h.connect()).toEqual({ ok: true, companyId: h.sim.companyId });
    expect(h.sim.oauth.stats().authorizationCode).toBe(1);
    const row = await h.db.oAuthConnection.findUniqueOrThrow({ where: { id: 'agency' } });
    const stored = await readConnection(h.db, h.key);
    expect(stored).toMatchObject({ status: 'connected', companyId: h.sim.companyId });
    // Ciphertext only: neither token appears in the row.
    expect(JSON.stringify(row)).not.toContain(stored!.accessToken);
    expect(JSON.stringify(row)).not.toContain(stored!.refreshToken);
    // The stored pair is live at the simulator.
    expect(h.sim.oauth.isAgencyToken(stored!.accessToken)).toBe(true);
    const status = await getOAuthConnectionStatus(h.db);
    expect(status).toMatchObject({ state: 'connected', connectedBy: h.admin.email });
    const audit = await h.db.auditLogEntry.findMany({ where: { action: 'oauth.connect' } });
    expect(audit).toHaveLength(1);
    // GET /oauth/installedLocations: the app is installed on every location of the simulator.
    expect(audit[0]!.after).toMatchObject({ installedLocations: h.sim.world.locations.length });
    expect(JSON.stringify(audit)).not.toContain(stored!.refreshToken);
  });

  it("refuses a state that does not match the cookie, a reused state, another admin's state and an expired one — before any exchange", async () => {
    const { state, authorizeUrl } = await createConnectState(h.db, h.admin.id, h.settings);
    const back = await followAuthorize(authorizeUrl);
    expect(back.state).toBe(state);
    // A forged callback: the browser's cookie holds another value.
    expect(await complete(back.state, 'someone-elses-state', back.code)).toEqual({
      ok: false,
      failure: 'state_mismatch',
    });
    // No cookie at all.
    expect(await complete(back.state, null, back.code)).toMatchObject({
      failure: 'state_mismatch',
    });
    // Another admin's state, replayed with a matching cookie.
    const other = await h.db.user.create({
      data: { email: 'other-admin@oauth.test', name: 'Other', passwordHash: 'x', role: 'admin' },
    });
    const theirs = await createConnectState(h.db, other.id, h.settings);
    expect(await complete(theirs.state, theirs.state, back.code)).toMatchObject({
      failure: 'state_mismatch',
    });
    // Expired.
    const old = await createConnectState(
      h.db,
      h.admin.id,
      h.settings,
      new Date(Date.now() - 11 * 60_000),
    );
    expect(await complete(old.state, old.state, back.code)).toMatchObject({
      failure: 'state_expired',
    });
    expect(h.sim.oauth.stats().authorizationCode).toBe(0);
    expect(await h.db.oAuthConnection.count()).toBe(0);
  });

  it('a state works once; GHL refusing the code and a denied install are named steps', async () => {
    const { state, authorizeUrl } = await createConnectState(h.db, h.admin.id, h.settings);
    const back = await followAuthorize(authorizeUrl);
    expect(await complete(state, state, 'not-a-code')).toMatchObject({
      ok: false,
      failure: 'exchange_refused',
      status: 400,
    });
    // The state was spent by that attempt: the right code cannot ride on it afterwards.
    expect(await complete(state, state, back.code)).toMatchObject({ failure: 'state_mismatch' });
    const denied = await completeConnect(
      h.db,
      { user: h.admin, code: null, state, error: 'access_denied', cookieState: state },
      { settings: h.settings, key: h.key, ghl: { baseUrl: h.sim.url }, companyId: h.sim.companyId },
    );
    expect(denied).toMatchObject({ failure: 'denied' });
    expect(await h.db.oAuthConnection.count()).toBe(0);
  });

  it('refuses tokens of another agency, and a missing configuration or key', async () => {
    const { state, authorizeUrl } = await createConnectState(h.db, h.admin.id, h.settings);
    const back = await followAuthorize(authorizeUrl);
    const options = {
      settings: h.settings,
      key: h.key,
      ghl: { baseUrl: h.sim.url },
      companyId: 'anotherAgency000000001',
    };
    const input = { user: h.admin, code: back.code, state, error: null, cookieState: state };
    expect(await completeConnect(h.db, input, options)).toMatchObject({ failure: 'wrong_company' });
    expect(await completeConnect(h.db, input, { ...options, settings: null })).toMatchObject({
      failure: 'not_configured',
    });
    expect(await completeConnect(h.db, input, { ...options, key: null })).toMatchObject({
      failure: 'no_encryption_key',
    });
    expect(await h.db.oAuthConnection.count()).toBe(0);
  });
});
