import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecStore, validate } from '../contract/openapi';
import { startSimulator, type Simulator } from '../server';
import { call } from '../test-client';
import { DEFAULT_OAUTH } from './oauth-server';

const store = new SpecStore(new URL('../openapi/apps/', import.meta.url));
const REDIRECT = 'http://127.0.0.1:9/api/oauth/callback';
let sim: Simulator;
let locationId: string;

function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));
}

const client = { client_id: DEFAULT_OAUTH.clientId, client_secret: DEFAULT_OAUTH.clientSecret };

async function authorizeCode(): Promise<string> {
  const url = new URL(`${sim.url}/v2/oauth/chooselocation`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: DEFAULT_OAUTH.clientId,
    redirect_uri: REDIRECT,
    scope: 'oauth.write',
    state: 'xyz',
  }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe('xyz');
  return back.searchParams.get('code')!;
}

async function connect() {
  const res = await post('/oauth/token', {
    ...client,
    grant_type: 'authorization_code',
    code: await authorizeCode(),
    user_type: 'Company',
    redirect_uri: REDIRECT,
  });
  expect(res.status).toBe(200);
  return res.body as { access_token: string; refresh_token: string };
}

function refresh(token: string) {
  return post('/oauth/token', {
    ...client,
    grant_type: 'refresh_token',
    refresh_token: token,
    user_type: 'Company',
  });
}

function mint(agencyToken: string, id = locationId) {
  return post(
    '/oauth/locationToken',
    { companyId: sim.companyId, locationId: id },
    { Authorization: `Bearer ${agencyToken}`, Version: '2021-07-28' },
  );
}

beforeAll(async () => {
  sim = await startSimulator({
    locations: 3,
    mode: 'marketplace',
    rateLimit: false,
    sizes: () => ({ contacts: 20 }),
  });
  locationId = sim.world.locations[1]!.id;
});
afterAll(() => sim.close());

describe('authorization code grant', () => {
  it('the authorize page approves at once; the code exchanges once for a Company token pair (spec shape)', async () => {
    const code = await authorizeCode();
    const form = {
      ...client,
      grant_type: 'authorization_code',
      code,
      user_type: 'Company',
      redirect_uri: REDIRECT,
    };
    const first = await post('/oauth/token', form);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ userType: 'Company', companyId: sim.companyId });
    const schema = store.responseSchema('oauth.json', '/oauth/token', 'POST', 200)!;
    expect(validate(store, schema, first.body)).toEqual([]);
    // A code works once.
    expect((await post('/oauth/token', form)).status).toBe(400);
  });

  it('refuses JSON bodies, wrong client secrets and missing fields', async () => {
    const json = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...client, grant_type: 'authorization_code' }),
    });
    expect(json.status).toBe(400);
    const wrong = await post('/oauth/token', {
      ...client,
      client_secret: 'nope',
      grant_type: 'refresh_token',
      refresh_token: 'x',
    });
    expect(wrong.status).toBe(401);
    const missing = await post('/oauth/token', { client_id: client.client_id });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toEqual(
      expect.arrayContaining([
        'client_secret should not be empty',
        'grant_type should not be empty',
      ]),
    );
  });
});

describe('refresh rotation and reuse detection', () => {
  it('each refresh returns a new refresh token; reusing an old one is refused and revokes the family', async () => {
    const pair = await connect();
    const second = await refresh(pair.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(pair.refresh_token);
    const third = await refresh(second.body.refresh_token);
    expect(third.status).toBe(200);
    // The spent first token again: refused, and the live family dies with it.
    const reuse = await refresh(pair.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body.message).toMatch(/already used/);
    expect((await refresh(third.body.refresh_token)).status).toBe(400);
    expect((await mint(third.body.access_token)).status).toBe(401);
    expect(sim.oauth.stats()).toMatchObject({ familiesRevoked: 1 });
  });
});

describe('location tokens in marketplace mode', () => {
  it('an OAuth location token reads its location; PITs are refused; other locations are 403', async () => {
    const { access_token } = await connect();
    const minted = await mint(access_token);
    expect(minted.status).toBe(200);
    const schema = store.responseSchema('oauth.json', '/oauth/locationToken', 'POST', 200)!;
    expect(validate(store, schema, minted.body)).toEqual([]);
    const body = { locationId, pageLimit: 5 };
    const read = await call(sim, '/contacts/search', { token: minted.body.access_token, body });
    expect(read.status).toBe(200);
    expect(read.body.contacts).toHaveLength(5);
    const pit = await call(sim, '/contacts/search', {
      token: sim.world.locationToken(locationId),
      body,
    });
    expect(pit.status).toBe(401);
    expect((await call(sim, '/contacts/search', { body })).status).toBe(401);
    const other = sim.world.locations[2]!.id;
    const cross = await call(sim, '/contacts/search', {
      token: minted.body.access_token,
      body: { locationId: other, pageLimit: 5 },
    });
    expect(cross.status).toBe(403);
    // Locations stay readable with the agency PIT (discovery).
    expect((await call(sim, `/locations/search?companyId=${sim.companyId}`)).status).toBe(200);
  });

  it('400 "Location is not active" for an inactive location; PITs may not mint', async () => {
    const { access_token } = await connect();
    sim.oauth.config.inactiveLocations = [locationId];
    try {
      const refused = await mint(access_token);
      expect(refused).toMatchObject({
        status: 400,
        body: { statusCode: 400, message: 'Location is not active' },
      });
    } finally {
      sim.oauth.config.inactiveLocations = [];
    }
    expect((await mint(sim.agencyToken)).status).toBe(401);
  });

  it('tokens expire after their configured lifetime; installedLocations lists the installs', async () => {
    const { access_token } = await connect();
    const minted = await mint(access_token);
    const installed = await fetch(
      `${sim.url}/oauth/installedLocations?companyId=${sim.companyId}&appId=${DEFAULT_OAUTH.appId}`,
      { headers: { Authorization: `Bearer ${access_token}`, Version: '2021-07-28' } },
    ).then((r) => r.json());
    expect(installed.count).toBe(3);
    expect(installed.locations.map((l: { _id: string }) => l._id)).toContain(locationId);
    sim.oauth.expireAccessTokens();
    const body = { locationId, pageLimit: 5 };
    const expired = await call(sim, '/contacts/search', { token: minted.body.access_token, body });
    expect(expired).toMatchObject({ status: 401, body: { message: 'Invalid JWT' } });
    expect((await mint(access_token)).status).toBe(401);
  });
});
