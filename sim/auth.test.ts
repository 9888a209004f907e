import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './server';
import { call } from './test-client';

let sim: Simulator;
let a: string;
let b: string;
const paths = (loc: string): [string, unknown?][] => [
  ['/contacts/search', { locationId: loc, pageLimit: 1 }],
  [`/opportunities/search?location_id=${loc}`],
  [`/opportunities/pipelines?locationId=${loc}`],
  [`/payments/transactions?altId=${loc}&altType=location`],
  [`/payments/orders?altId=${loc}`],
  [`/payments/subscriptions?altId=${loc}&altType=location`],
];

beforeAll(async () => {
  sim = await startSimulator({
    locations: 3,
    mode: 'strict',
    rateLimit: false,
    sizes: () => ({ contacts: 30 }),
  });
  a = sim.world.locations[1]!.id;
  b = sim.world.locations[2]!.id;
});
afterAll(() => sim.close());

describe('headers and tokens', () => {
  it('requires Version: 2021-07-28', async () => {
    const missing = await call(sim, `/locations/${a}`, { headers: { Version: '' } });
    expect(missing.status).toBe(400);
    const wrong = await call(sim, `/locations/${a}`, { headers: { Version: '2023-02-21' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.traceId).toEqual(expect.any(String));
  });

  it('401 "Invalid JWT" for unknown or missing tokens', async () => {
    for (const token of ['pit-nope', null]) {
      const res = await call(sim, `/locations/${a}`, { token });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        statusCode: 401,
        message: 'Invalid JWT',
        error: 'Unauthorized',
      });
    }
  });

  it('404 for paths the simulator does not serve', async () => {
    expect((await call(sim, '/contacts/')).status).toBe(404);
  });
});

describe('strict mode', () => {
  it('agency PIT: locations yes, everything else 401 scope', async () => {
    expect((await call(sim, `/locations/search?companyId=${sim.companyId}`)).status).toBe(200);
    expect((await call(sim, `/locations/${a}`)).status).toBe(200);
    for (const [path, body] of paths(a)) {
      const res = await call(sim, path, { body });
      expect(res.status, path).toBe(401);
      expect(res.body.message).toBe('The token is not authorized for this scope.');
    }
  });

  it('a location PIT reads its own location only; another location is 403', async () => {
    const token = sim.world.locationToken(a);
    for (const [path, body] of paths(a))
      expect((await call(sim, path, { body, token })).status, path).toBe(200);
    for (const [path, body] of paths(b)) {
      const res = await call(sim, path, { body, token });
      expect(res.status, path).toBe(403);
      expect(res.body.message).toBe('The token does not have access to this location.');
    }
    expect((await call(sim, `/locations/${b}`, { token })).status).toBe(403);
    const own = await call(sim, '/locations/search', { token });
    expect(own.body.locations.map((l: { id: string }) => l.id)).toEqual([a]);
  });

  it('seed mode lets the agency PIT read any location (switchable at runtime)', async () => {
    sim.config.mode = 'seed';
    try {
      for (const [path, body] of paths(b))
        expect((await call(sim, path, { body })).status, path).toBe(200);
    } finally {
      sim.config.mode = 'strict';
    }
  });
});
