import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../server';
import { call } from '../test-client';

let sim: Simulator;
let loc: string;

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: false });
  loc = sim.world.locations[0]!.id;
});
afterAll(() => sim.close());

describe('GET /opportunities/search', () => {
  it('defaults to 20, returns meta and aggregations', async () => {
    const res = await call(sim, `/opportunities/search?location_id=${loc}`);
    expect(res.status).toBe(200);
    expect(res.body.opportunities).toHaveLength(20);
    expect(res.body.aggregations).toEqual({});
    expect(res.body.meta).toMatchObject({
      total: sim.world.opportunities(loc).length,
      currentPage: 1,
      nextPage: 2,
      prevPage: null,
    });
    expect(res.body.meta.nextPageUrl).toContain(`location_id=${loc}`);
  });

  it('403s without location_id and 422s on limit > 100, bad status or unknown params', async () => {
    const missing = await call(sim, '/opportunities/search?limit=10');
    expect(missing.status).toBe(403);
    expect(missing.body.message).toBe('The token does not have access to this location.');
    const over = await call(sim, `/opportunities/search?location_id=${loc}&limit=101`);
    expect(over.status).toBe(422);
    expect(over.body.message).toEqual(['limit must not be greater than 100']);
    expect((await call(sim, `/opportunities/search?location_id=${loc}&status=closed`)).status).toBe(
      422,
    );
    const unknown = await call(sim, `/opportunities/search?location_id=${loc}&locationId=${loc}`);
    expect(unknown.body.message).toEqual(['property locationId should not exist']);
  });

  it('walks every opportunity with startAfter + startAfterId (status=all) and stops with a null nextPageUrl', async () => {
    const seen: string[] = [];
    let query = `location_id=${loc}&status=all&limit=100`;
    let pages = 0;
    for (;;) {
      const res = await call(sim, `/opportunities/search?${query}`);
      expect(res.status).toBe(200);
      pages++;
      seen.push(...res.body.opportunities.map((o: { id: string }) => o.id));
      const { meta } = res.body;
      if (!meta.nextPageUrl) break;
      expect(typeof meta.startAfter).toBe('number');
      query = `location_id=${loc}&status=all&limit=100&startAfter=${meta.startAfter}&startAfterId=${meta.startAfterId}`;
    }
    const truth = sim.world.opportunities(loc);
    expect(pages).toBe(Math.ceil(truth.length / 100));
    expect(seen).toHaveLength(truth.length);
    expect(new Set(seen)).toEqual(new Set(truth.map((o) => o.id)));
  });

  it('following nextPageUrl verbatim reaches the same records', async () => {
    let url: string | null = `/opportunities/search?location_id=${loc}&limit=100&order=added_asc`;
    let count = 0;
    while (url) {
      const res: { body: any } = await call(sim, url.replace(sim.url, ''));
      count += res.body.opportunities.length;
      url = res.body.meta.nextPageUrl;
    }
    expect(count).toBe(sim.world.opportunities(loc).length);
  });

  it('filters by status and pipeline', async () => {
    const truth = sim.world.opportunities(loc);
    const won = await call(sim, `/opportunities/search?location_id=${loc}&status=won&limit=1`);
    expect(won.body.meta.total).toBe(truth.filter((o) => o.status === 'won').length);
    const pipelineId = sim.world.pipelines(loc)[1]!.id;
    const inPipeline = await call(
      sim,
      `/opportunities/search?location_id=${loc}&pipeline_id=${pipelineId}&limit=1`,
    );
    expect(inPipeline.body.meta.total).toBe(
      truth.filter((o) => o.pipelineId === pipelineId).length,
    );
  });
});

describe('GET /opportunities/pipelines', () => {
  it('returns pipelines with typed stages', async () => {
    const res = await call(sim, `/opportunities/pipelines?locationId=${loc}`);
    expect(res.status).toBe(200);
    expect(res.body.pipelines).toEqual(sim.world.pipelines(loc));
    expect(Object.keys(res.body.pipelines[0].stages[0]).sort()).toEqual([
      'id',
      'name',
      'position',
      'showInFunnel',
      'showInPieChart',
    ]);
  });
});
