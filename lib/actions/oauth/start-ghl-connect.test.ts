import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { CONNECT_STATE_COOKIE } from '@/lib/oauth/connect-cookie';
import { createUser } from '@/lib/users/create-user';
import { state } from '@/tests/signed-in';
import { createOAuthHarness, REDIRECT_URL, type OAuthHarness } from '@/tests/oauth/helpers';

// The browser's round trip in-process: the real action and callback route, with the session,
// the database and the cookie jar swapped for this file's own; GHL is the simulator.
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
type Cookie = { value: string; options: Record<string, unknown> };
const jar = new Map<string, Cookie>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) =>
      jar.set(name, { value, options }),
    delete: (arg: string | { name: string }) =>
      jar.delete(typeof arg === 'string' ? arg : arg.name),
  }),
}));
const { startGhlConnect } = await import('./start-ghl-connect');
const { GET: callback } = await import('@/app/api/oauth/callback/route');

let h: OAuthHarness;
const saved = { ...process.env };
const KEYS = [
  'GHL_API_BASE_URL',
  'GHL_COMPANY_ID',
  'APP_ENCRYPTION_KEY',
  'GHL_OAUTH_CLIENT_ID',
  'GHL_OAUTH_CLIENT_SECRET',
  'GHL_OAUTH_REDIRECT_URL',
  'GHL_OAUTH_AUTHORIZE_URL',
];

beforeAll(async () => {
  h = await createOAuthHarness({ locations: 1 });
  state.db = h.db;
  state.user = await createUser(h.db, {
    email: 'connect-admin@example.com',
    name: 'Connect Admin',
    role: 'admin',
    password: 'connect-password-123',
  });
  Object.assign(process.env, {
    GHL_API_BASE_URL: h.sim.url,
    GHL_COMPANY_ID: h.sim.companyId,
    APP_ENCRYPTION_KEY: h.key.toString('hex'),
    GHL_OAUTH_CLIENT_ID: h.settings.clientId,
    GHL_OAUTH_CLIENT_SECRET: h.settings.clientSecret,
    GHL_OAUTH_REDIRECT_URL: REDIRECT_URL,
    GHL_OAUTH_AUTHORIZE_URL: h.settings.authorizeUrl,
  });
  resetEnvCache();
});
afterAll(async () => {
  for (const key of KEYS)
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  resetEnvCache();
  await h?.close();
});

async function back(): Promise<URL> {
  const started = await startGhlConnect({});
  if (!started.ok) throw new Error(started.error.message);
  const response = await fetch(started.data.authorizeUrl, { redirect: 'manual' });
  return new URL(response.headers.get('location')!);
}

describe('Connect GoHighLevel: action and callback route', () => {
  it('the action stores a state and sets it in an httpOnly cookie; the callback connects and redirects', async () => {
    const url = await back();
    const cookie = jar.get(CONNECT_STATE_COOKIE)!;
    expect(cookie.value).toBe(url.searchParams.get('state'));
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax' });
    expect(await h.db.oAuthState.count()).toBe(1);
    const response = await callback(new Request(url), undefined);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/settings/connect?connected=1');
    expect(jar.has(CONNECT_STATE_COOKIE)).toBe(false);
    expect(await h.db.oAuthConnection.count()).toBe(1);
  });

  it('a callback whose state is not the cookie is refused with the step named, nothing exchanged', async () => {
    const url = await back();
    jar.set(CONNECT_STATE_COOKIE, { value: 'another-browser', options: {} });
    const exchanges = h.sim.oauth.stats().authorizationCode;
    const response = await callback(new Request(url), undefined);
    expect(response.headers.get('location')).toBe('/settings/connect?error=state_mismatch');
    expect(h.sim.oauth.stats().authorizationCode).toBe(exchanges);
  });

  it('staff get not found; signed out goes to sign-in', async () => {
    const admin = state.user;
    try {
      state.user = { ...admin!, role: 'staff' };
      expect(
        (await callback(new Request(`${REDIRECT_URL}?code=x&state=y`), undefined)).status,
      ).toBe(404);
      expect(await startGhlConnect({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      state.user = null;
      const signedOut = await callback(new Request(`${REDIRECT_URL}?code=x&state=y`), undefined);
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toMatch(/^\/login\?callbackUrl=/);
    } finally {
      state.user = admin;
    }
  });
});
