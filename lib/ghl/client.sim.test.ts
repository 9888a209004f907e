import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/server';
import { createGhlClient, type GhlClientOptions } from './client';
import { agencyOnlyResolver, type CredentialResolver } from './credentials';
import { GhlBadPayloadError } from './errors';
import { nodeHttpFetch } from './http';
import { allPages } from './testing/test-client';
import type { ContactsCursor, GhlCallEvent } from './types';
import { failure } from './testing/failure';

let sim: Simulator;
let big: string; // > 10,000 contacts
let small: string;

beforeAll(async () => {
  sim = await startSimulator({
    seed: 3,
    locations: 3,
    mode: 'strict',
    rateLimit: { max: 100, intervalMs: 1_000, daily: 200_000 },
    sizes: (index) => (index === 0 ? { contacts: 10_250 } : { contacts: 40, opportunities: 30 }),
  });
  big = sim.world.locations[0]!.id;
  small = sim.world.locations[1]!.id;
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.resetFaults();
  sim.resetRateLimits();
  sim.resetStats();
});

const pits = (): CredentialResolver => ({
  agencyToken: sim.agencyToken,
  companyId: sim.companyId,
  tokenForLocation: async (id) => ({ token: sim.world.locationToken(id), kind: 'location' }),
});

/** A client on the simulator that records request bodies and onCall events. */
function simClient(overrides: Partial<GhlClientOptions> = {}) {
  const bodies: unknown[] = [];
  const events: GhlCallEvent[] = [];
  const client = createGhlClient({
    baseUrl: sim.url,
    credentials: pits(),
    random: () => 0,
    onCall: (e) => {
      events.push(e);
    },
    fetch: async (url, init) => {
      if (typeof init.body === 'string') bodies.push(JSON.parse(init.body));
      return nodeHttpFetch(url, init);
    },
    ...overrides,
  });
  return { client, bodies, events };
}

describe('against the simulator: data', () => {
  it('discovers locations with the agency token and reads one', async () => {
    const { client } = simClient();
    const pages = await allPages(client.searchLocations());
    expect(pages.flatMap((p) => p.items.map((l) => l.id))).toEqual(
      sim.world.locations.map((l) => l.id),
    );
    const location = await client.getLocation(big);
    expect(location).toMatchObject({
      id: big,
      timezone: sim.world.locations[0]!.timezone,
      companyId: sim.companyId,
    });
  });

  it('pages past 10,000 contacts with searchAfter, locationId on every page, no gaps or duplicates', async () => {
    const { client, bodies } = simClient();
    const ids: string[] = [];
    let pageCount = 0;
    for await (const page of client.searchContacts(big)) {
      pageCount++;
      for (const c of page.items) ids.push(c.id);
    }
    const truth = sim.world.contacts(big).map((c) => c.id);
    expect(truth.length).toBeGreaterThan(10_000);
    expect(ids).toHaveLength(truth.length);
    expect(new Set(ids)).toEqual(new Set(truth));
    expect(pageCount).toBe(Math.ceil(truth.length / 500));
    expect(bodies).toHaveLength(pageCount);
    for (const body of bodies) expect(body).toMatchObject({ locationId: big, pageLimit: 500 });
  });

  it('resumes from a stored (JSON) cursor exactly after the last page seen', async () => {
    const first = simClient().client;
    const seen: string[] = [];
    let checkpoint: ContactsCursor | null = null;
    for await (const page of first.searchContacts(big)) {
      seen.push(...page.items.map((c) => c.id));
      checkpoint = JSON.parse(JSON.stringify(page.next)) as ContactsCursor;
      if (seen.length >= 1_500) break;
    }
    const rest = await allPages(simClient().client.searchContacts(big, { cursor: checkpoint }));
    const all = [...seen, ...rest.flatMap((p) => p.items.map((c) => c.id))];
    expect(all).toHaveLength(sim.world.contacts(big).length);
    expect(new Set(all).size).toBe(all.length);
  });

  it('filters on updatedSince (dateUpdated range)', async () => {
    const change = sim.mutate(small, { update: { contacts: 5 } });
    const pages = await allPages(
      simClient().client.searchContacts(small, { updatedSince: change.at }),
    );
    expect(new Set(pages.flatMap((p) => p.items.map((c) => c.id)))).toEqual(
      new Set(change.updated.contacts),
    );
  });

  it('reads opportunities, pipelines and payments completely', async () => {
    const { client } = simClient();
    const ids = async (pages: AsyncIterable<{ items: Array<{ id?: unknown; _id?: unknown }> }>) =>
      (await allPages(pages)).flatMap((p) => p.items.map((r) => String(r.id ?? r._id)));
    expect(new Set(await ids(client.searchOpportunities(big)))).toEqual(
      new Set(sim.world.opportunities(big).map((o) => o.id)),
    );
    expect((await client.listPipelines(big)).map((p) => p.id)).toEqual(
      sim.world.pipelines(big).map((p) => p.id),
    );
    expect(await ids(client.listTransactions(big))).toHaveLength(
      sim.world.transactions(big).length,
    );
    expect(await ids(client.listOrders(big))).toHaveLength(sim.world.orders(big).length);
    expect(await ids(client.listSubscriptions(big))).toHaveLength(
      sim.world.subscriptions(big).length,
    );
  });
});

describe('against the simulator: limits and failures', () => {
  it('learns a tighter budget from the headers and causes no 429 after the first response', async () => {
    sim.config.rateLimit = { max: 20, intervalMs: 1_000, daily: 200_000 };
    try {
      const { client } = simClient();
      await client.listPipelines(small); // warm-up: X-RateLimit-Max 20, interval 1 s
      const t0 = Date.now();
      await Promise.all(Array.from({ length: 40 }, () => client.listPipelines(small)));
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1_000);
      expect(sim.stats().rateLimited).toBe(0);
    } finally {
      sim.config.rateLimit = { max: 100, intervalMs: 1_000, daily: 200_000 };
    }
  });

  it('recovers from a 429 storm', async () => {
    sim.setFaults({ rateLimitStorm: { count: 3 } });
    const { client, events } = simClient();
    await expect(client.listPipelines(small)).resolves.toBeDefined();
    expect(events.map((e) => e.status)).toEqual([429, 429, 429, 200]);
  });

  it('retries 5xx (JSON and HTML) and succeeds', async () => {
    sim.setFaults({ serverErrors: { count: 3 } });
    const { client, events } = simClient();
    await expect(client.listPipelines(small)).resolves.toBeDefined();
    expect(events.map((e) => e.status)).toEqual([500, 502, 503, 200]);
  });

  it('gives up on persistent 5xx after the retry cap', async () => {
    sim.setFaults({ serverErrors: { probability: 1, forMs: 60_000 } });
    const { client } = simClient({ retry: { maxRetries: 2 } });
    const error = await failure(client.listPipelines(small));
    expect(error).toMatchObject({ code: 'upstream_unavailable', attempts: 3, locationId: small });
    expect(sim.stats().total).toBe(3);
  });

  it.each([
    [
      'revoked location PIT',
      'token_invalid',
      401,
      () => sim.setFaults({ revokedLocationTokens: [small] }),
    ],
    [
      'missing scope',
      'scope_missing',
      401,
      () => sim.setFaults({ missingScopes: [{ locationId: small, entity: 'opportunities' }] }),
    ],
    [
      'forbidden location',
      'location_forbidden',
      403,
      () => sim.setFaults({ forbiddenLocations: [small] }),
    ],
    [
      'spent daily budget',
      'budget_exhausted',
      429,
      () => sim.setFaults({ dailyBudgetExhausted: [small] }),
    ],
  ] as const)('%s → %s (%i), one request, not retried', async (_, code, status, arrange) => {
    arrange();
    const { client } = simClient();
    const error = await failure(client.listPipelines(small));
    expect(error).toMatchObject({
      code,
      status,
      locationId: small,
      endpoint: 'GET /opportunities/pipelines',
    });
    expect(error.traceId).toMatch(/\S/);
    expect(sim.stats().total).toBe(1);
  });

  it('classifies the agency PIT on location data (strict mode) as scope_missing', async () => {
    const client = createGhlClient({
      baseUrl: sim.url,
      credentials: agencyOnlyResolver(sim.agencyToken, sim.companyId),
    });
    const error = await failure(allPages(client.searchContacts(small)));
    expect(error).toMatchObject({ code: 'scope_missing', tokenKind: 'agency', status: 401 });
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(
      sim.agencyToken,
    );
  });

  it('reports a revoked agency token on discovery without leaking it', async () => {
    sim.setFaults({ revokedAgencyToken: true });
    const error = await failure(allPages(simClient().client.searchLocations()));
    expect(error).toMatchObject({
      code: 'token_invalid',
      locationId: null,
      endpoint: 'GET /locations/search',
    });
    expect(error.message).toContain('for the agency');
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(
      sim.agencyToken,
    );
  });

  it('names the malformed record, field and traceId', async () => {
    const victim = sim.world.opportunities(small)[7]!.id;
    sim.setFaults({
      malformed: [
        {
          locationId: small,
          entity: 'opportunities',
          recordId: victim,
          set: { monetaryValue: 'abc' },
        },
      ],
    });
    const error = await failure(allPages(simClient().client.searchOpportunities(small)));
    expect(error).toBeInstanceOf(GhlBadPayloadError);
    expect(error).toMatchObject({
      recordId: victim,
      fieldPath: 'monetaryValue',
      locationId: small,
    });
    expect(error.message).toContain(
      `GET /opportunities/search for location ${small}: record ${victim}, field "monetaryValue"`,
    );
    expect(error.message).toContain(`traceId ${error.traceId}`);
  });
});
