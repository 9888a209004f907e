import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../server';
import { call } from '../test-client';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: false, locations: 25, sizes: () => ({ contacts: 20 }) });
});
afterAll(() => sim.close());

describe('GET /locations/search', () => {
  it('pages with skip/limit (default 10), has no total, and ends with a short page', async () => {
    const first = await call(sim, `/locations/search?companyId=${sim.companyId}`);
    expect(first.status).toBe(200);
    expect(first.body.locations).toHaveLength(10);
    expect(Object.keys(first.body).sort()).toEqual(['locations', 'traceId']);
    const ids: string[] = [];
    for (let skip = 0; ; skip += 10) {
      const page = await call(
        sim,
        `/locations/search?companyId=${sim.companyId}&skip=${skip}&limit=10&order=asc`,
      );
      ids.push(...page.body.locations.map((l: { id: string }) => l.id));
      if (page.body.locations.length < 10) break;
    }
    expect(ids).toEqual(sim.world.locations.map((l) => l.id));
    const desc = await call(sim, `/locations/search?companyId=${sim.companyId}&order=desc&limit=1`);
    expect(desc.body.locations[0].id).toBe(sim.world.locations[24]!.id);
  });

  it('needs the right companyId and rejects unknown params', async () => {
    expect((await call(sim, '/locations/search')).status).toBe(422);
    expect((await call(sim, '/locations/search?companyId=other')).status).toBe(403);
    expect((await call(sim, `/locations/search?companyId=${sim.companyId}&page=2`)).status).toBe(
      422,
    );
  });

  it('GET /locations/{id} returns the record with companyId and timezone', async () => {
    const loc = sim.world.locations[1]!;
    const res = await call(sim, `/locations/${loc.id}`);
    expect(res.body.location).toEqual(sim.world.locationRecord(loc.id));
    expect(res.body.location).toMatchObject({ companyId: sim.companyId, timezone: 'Asia/Kolkata' });
  });
});

describe('GET /payments/*', () => {
  const loc = () => sim.world.locations[0]!.id;

  it.each(['transactions', 'subscriptions'] as const)(
    '%s: altId and altType required, {data, totalCount}, offset paging',
    async (entity) => {
      const missing = await call(sim, `/payments/${entity}?altType=location`);
      expect(missing.status).toBe(422);
      expect(missing.body.message).toContain('altId should not be empty');
      expect((await call(sim, `/payments/${entity}?altId=${loc()}`)).status).toBe(422);
      const truth = sim.world[entity](loc());
      const first = await call(sim, `/payments/${entity}?altId=${loc()}&altType=location`);
      expect(first.body.data).toHaveLength(10);
      expect(first.body.totalCount).toBe(truth.length);
      const ids: string[] = [];
      for (let offset = 0; offset < truth.length; offset += 100) {
        const page = await call(
          sim,
          `/payments/${entity}?altId=${loc()}&altType=location&limit=100&offset=${offset}`,
        );
        ids.push(...page.body.data.map((r: { _id: string }) => r._id));
      }
      expect(new Set(ids)).toEqual(new Set(truth.map((r) => r._id)));
    },
  );

  it('orders take no altType, and paymentMode filters liveMode', async () => {
    const withAltType = await call(sim, `/payments/orders?altId=${loc()}&altType=location`);
    expect(withAltType.status).toBe(422);
    expect(withAltType.body.message).toEqual(['property altType should not exist']);
    const orders = await call(sim, `/payments/orders?altId=${loc()}&limit=100`);
    expect(orders.body.totalCount).toBe(sim.world.orders(loc()).length);
    const live = await call(
      sim,
      `/payments/transactions?altId=${loc()}&altType=location&paymentMode=live&limit=1`,
    );
    expect(live.body.totalCount).toBe(
      sim.world.transactions(loc()).filter((t) => t.liveMode).length,
    );
    expect(
      (await call(sim, `/payments/transactions?altId=${loc()}&altType=location&limit=101`)).status,
    ).toBe(422);
  });

  it('filters by startAt/endAt days (UTC)', async () => {
    const truth = sim.world
      .transactions(loc())
      .filter((t) => t.createdAt >= '2026-10-01' && t.createdAt < '2026-10-11');
    const res = await call(
      sim,
      `/payments/transactions?altId=${loc()}&altType=location&startAt=2026-10-01&endAt=2026-10-10&limit=100`,
    );
    expect(res.body.totalCount).toBe(truth.length);
    expect(
      (await call(sim, `/payments/transactions?altId=${loc()}&altType=location&startAt=10/01/2026`))
        .status,
    ).toBe(422);
  });
});
