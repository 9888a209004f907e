import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './server';
import { call } from './test-client';

let sim: Simulator;
let loc: string;
let other: string;

beforeAll(async () => {
  sim = await startSimulator({
    locations: 3,
    rateLimit: false,
    sizes: () => ({ contacts: 30, opportunities: 12 }),
  });
  loc = sim.world.locations[1]!.id;
  other = sim.world.locations[2]!.id;
});
afterEach(() => sim.resetFaults());
afterAll(() => sim.close());

const admin = async (path: string, body?: unknown) => {
  const res = await fetch(`${sim.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};
const opps = (id = loc, token?: string) =>
  call(sim, `/opportunities/search?location_id=${id}`, { token });
const contacts = (id = loc, token?: string) =>
  call(sim, '/contacts/search', { body: { locationId: id, pageLimit: 100 }, token });

describe('credential faults', () => {
  it('revoked agency token and revoked location token → 401 Invalid JWT', async () => {
    sim.faults.revokedAgencyToken = true;
    expect((await opps()).body).toMatchObject({
      statusCode: 401,
      message: 'Invalid JWT',
      error: 'Unauthorized',
    });
    const token = sim.world.locationToken(loc);
    expect((await opps(loc, token)).status).toBe(200);
    sim.setFaults({ revokedAgencyToken: false, revokedLocationTokens: [loc] });
    expect((await opps(loc, token)).status).toBe(401);
    expect((await opps()).status).toBe(200);
  });

  it('missing scope per location and entity → 401; forbidden location → 403', async () => {
    sim.setFaults({
      missingScopes: [{ locationId: loc, entity: 'opportunities' }],
      forbiddenLocations: [other],
    });
    expect((await opps()).body.message).toBe('The token is not authorized for this scope.');
    expect((await call(sim, `/opportunities/pipelines?locationId=${loc}`)).status).toBe(401);
    expect((await contacts()).status).toBe(200);
    expect((await contacts(other)).status).toBe(403);
  });

  it('daily budget exhausted → 429 with X-RateLimit-Daily-Remaining: 0', async () => {
    sim.setFaults({ dailyBudgetExhausted: [loc] });
    const res = await opps();
    expect(res.status).toBe(429);
    expect(res.headers.get('x-ratelimit-daily-remaining')).toBe('0');
    expect((await opps(other)).status).toBe(200);
  });
});

describe('transient faults', () => {
  it('429 storm for the next N requests, then normal', async () => {
    sim.setFaults({ rateLimitStorm: { count: 3 } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await opps()).status);
    expect(statuses).toEqual([429, 429, 429, 200, 200]);
    expect(sim.faults.rateLimitStorm?.count).toBe(0);
  });

  it('429 storm for a time span, limited to some locations', async () => {
    sim.setFaults({ rateLimitStorm: { forMs: 60_000, locationIds: [other] } });
    expect((await opps(other)).status).toBe(429);
    expect((await opps(loc)).status).toBe(200);
    sim.faults.rateLimitStorm!.untilMs = Date.now() - 1;
    expect((await opps(other)).status).toBe(200);
  });

  it('5xx: 500 and 503 as JSON, 502 as a gateway HTML page', async () => {
    sim.setFaults({ serverErrors: { count: 3 } });
    const [a, b, c, d] = [await opps(), await opps(), await opps(), await opps()];
    expect(a.status).toBe(500);
    expect(a.body).toMatchObject({ statusCode: 500, traceId: expect.any(String) });
    expect(b.status).toBe(502);
    expect(String(b.body)).toContain('<html>');
    expect(c.body).toMatchObject({ statusCode: 503, message: 'Service Unavailable' });
    expect(d.status).toBe(200);
    expect(sim.stats().injected.serverError).toBeGreaterThanOrEqual(3);
  });

  it('probability-based 5xx is seeded and partial', async () => {
    sim.setFaults({ serverErrors: { probability: 0.5, statuses: [503] } });
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await opps()).status);
    expect(statuses).toContain(503);
    expect(statuses).toContain(200);
  });
});

describe('malformed records', () => {
  it('serves one broken record where told, leaving ground truth clean', async () => {
    const target = sim.world.opportunities(loc)[3]!;
    sim.setFaults({
      malformed: [
        {
          locationId: loc,
          entity: 'opportunities',
          recordId: target.id,
          set: { monetaryValue: 'abc' },
        },
        { locationId: loc, entity: 'contacts', omit: ['dateAdded'] },
      ],
    });
    const served = (await opps()).body.opportunities as { id: string; monetaryValue: unknown }[];
    expect(served.find((o) => o.id === target.id)?.monetaryValue).toBe('abc');
    expect(served.filter((o) => o.monetaryValue === 'abc')).toHaveLength(1);
    const firstContact = sim.world.contacts(loc)[0]!;
    const servedContacts = (await contacts()).body.contacts as Record<string, unknown>[];
    expect(servedContacts.find((c) => c.id === firstContact.id)).not.toHaveProperty('dateAdded');
    expect(sim.world.contacts(loc)[0]!.dateAdded).toEqual(expect.any(String));
    expect(sim.world.opportunities(loc)[3]!.monetaryValue).toBe(target.monetaryValue);
  });
});

describe('admin endpoints', () => {
  it('drive faults, mutations, stats, config and ground truth over HTTP', async () => {
    expect((await admin('/__sim/health')).body).toEqual({ ok: true });
    const info = await admin('/__sim/info');
    expect(info.body).toMatchObject({ companyId: sim.companyId, agencyToken: sim.agencyToken });
    expect(info.body.locations[1].token).toBe(sim.world.locationToken(loc));

    await admin('/__sim/faults', { rateLimitStorm: { count: 1 } });
    expect((await opps()).status).toBe(429);
    await admin('/__sim/faults', { reset: true, revokedAgencyToken: true });
    expect(sim.faults.rateLimitStorm).toBeNull();
    expect((await opps()).status).toBe(401);
    await admin('/__sim/faults/reset', {});
    expect((await admin('/__sim/faults', { bogus: 1 })).status).toBe(400);

    await admin('/__sim/reset-stats', {});
    const before = (await contacts()).body.total;
    const mutated = await admin('/__sim/mutate', {
      locationId: loc,
      create: { contacts: 2 },
      update: { contacts: 1 },
    });
    expect(mutated.body.created.contacts).toHaveLength(2);
    expect((await contacts()).body.total).toBe(before + 2);
    const churned = await admin('/__sim/churn', { fraction: 0.05 });
    expect(churned.body.round).toBe(0);
    const prepared = await admin('/__sim/prepare', {});
    expect(prepared.body.locations).toBe(sim.world.locations.length);
    expect(sim.world.store(loc, 'contacts').list.every((s) => s.json !== undefined)).toBe(true);
    const truth = await admin(`/__sim/truth/${loc}/contacts`);
    expect(truth.body).toEqual(sim.world.contacts(loc));
    expect((await admin(`/__sim/truth/${loc}/location`)).body.id).toBe(loc);

    const stats = await admin('/__sim/stats');
    expect(stats.body.total).toBe(2);
    expect(stats.body.byEndpoint['contacts.search']).toBe(2);
    expect(stats.body.byLocation[loc]).toBe(2);
    expect(stats.body.recent[0]).toMatchObject({
      endpoint: 'contacts.search',
      status: 200,
      tokenKind: 'agency',
    });

    await admin('/__sim/config', { mode: 'strict' });
    expect((await opps()).status).toBe(401);
    await admin('/__sim/config', { mode: 'seed' });
    const locations = await admin('/__sim/locations', { add: 1 });
    expect(sim.world.locations).toHaveLength(4);
    await admin('/__sim/locations', { remove: [locations.body.added[0].id] });
    expect(sim.world.locations).toHaveLength(3);
  });
});
