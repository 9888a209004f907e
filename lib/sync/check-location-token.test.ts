import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/server';
import { jsonReply, scriptedFetch } from '@/lib/ghl/testing/fake-fetch';
import { FAST_RATE, SMALL_SIZES } from '@/tests/sync/helpers';
import { ALL_LOCATION_SCOPES } from './access-fix';
import { checkLocationToken } from './check-location-token';

// The simulator in strict mode: as GHL, the agency token reads no location data, a location's own
// token reads only its location.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    seed: 11,
    locations: 2,
    mode: 'strict',
    rateLimit: FAST_RATE,
    sizes: SMALL_SIZES,
  });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.resetFaults();
  sim.resetStats();
});

const check = (locationId: string, token: string) =>
  checkLocationToken({
    baseUrl: sim.url,
    companyId: sim.companyId,
    locationId,
    token,
    client: { retry: { baseDelayMs: 5, maxDelayMs: 20 } },
  });

describe('checkLocationToken (live, against the simulator)', () => {
  it("passes a location's own token with one cheap read per entity", async () => {
    const [location] = sim.world.locations;
    const result = await check(location!.id, sim.world.locationToken(location!.id));
    expect(result.entities.map((e) => [e.entity, e.status])).toEqual([
      ['contacts', 'ok'],
      ['opportunities', 'ok'],
      ['pipelines', 'ok'],
      ['transactions', 'ok'],
      ['orders', 'ok'],
      ['subscriptions', 'ok'],
    ]);
    expect(result).toMatchObject({ isComplete: true, isRejected: false, missingScopes: [] });
    expect(sim.stats().total).toBe(6);
  });

  it('names each missing scope of a wrong-scope token (the agency token), with the fix', async () => {
    const [location] = sim.world.locations;
    const result = await check(location!.id, sim.agencyToken);
    expect(result.entities.every((e) => e.status === 'scope_missing')).toBe(true);
    expect(result.missingScopes).toEqual(ALL_LOCATION_SCOPES);
    expect(result.entities[0]).toMatchObject({
      entity: 'contacts',
      scope: 'contacts.readonly',
      message: expect.stringContaining('scope'),
      fix: expect.stringContaining('contacts.readonly'),
    });
    expect(result).toMatchObject({ isComplete: false, isRejected: false });
  });

  it('reports only the scope a token lacks', async () => {
    const [location] = sim.world.locations;
    sim.setFaults({ missingScopes: [{ locationId: location!.id, entity: 'transactions' }] });
    const result = await check(location!.id, sim.world.locationToken(location!.id));
    expect(result.missingScopes).toEqual(['payments/transactions.readonly']);
    expect(result.entities.filter((e) => e.status !== 'ok').map((e) => e.entity)).toEqual([
      'transactions',
    ]);
  });

  it("refuses another location's token (forbidden) and an unknown one (rejected)", async () => {
    const [first, second] = sim.world.locations;
    const other = await check(first!.id, sim.world.locationToken(second!.id));
    expect(new Set(other.entities.map((e) => e.status))).toEqual(new Set(['forbidden']));
    const unknown = await check(first!.id, 'pit-00000000-0000-4000-8000-000000000000');
    expect(unknown.isRejected).toBe(true);
    expect(unknown.entities[0]).toMatchObject({ status: 'token_revoked' });
  });

  it('never hands the pasted token back, even if GHL were to echo it in its message', async () => {
    const token = 'pit-1234abcd-0000-4000-8000-00000000beef';
    const upstream = scriptedFetch(() =>
      jsonReply(401, {
        statusCode: 401,
        message: `The token ${token} is not authorized for this scope.`,
      }),
    );
    const result = await checkLocationToken({
      baseUrl: 'http://ghl.test',
      companyId: 'co',
      locationId: 'loc_a',
      token,
      client: { fetch: upstream.fetch, retry: { maxRetries: 0 } },
    });
    expect(upstream.requests).toHaveLength(6);
    expect(result.entities.every((e) => e.status === 'scope_missing')).toBe(true);
    expect(JSON.stringify(result)).not.toContain(token);
  });
});
