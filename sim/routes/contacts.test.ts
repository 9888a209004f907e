import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../server';
import { allContactIds, call } from '../test-client';

let sim: Simulator;
let big: string;
let small: string;

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: false });
  big = sim.world.locations[0]!.id;
  small = sim.world.locations[1]!.id;
});
afterAll(() => sim.close());

const search = (body: unknown) => call(sim, '/contacts/search', { body });

describe('POST /contacts/search', () => {
  it('returns {contacts, total, traceId}, each contact with searchAfter [number, id]', async () => {
    const res = await search({ locationId: small, pageLimit: 5 });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(sim.world.contacts(small).length);
    expect(typeof res.body.traceId).toBe('string');
    expect(res.body.contacts).toHaveLength(5);
    for (const c of res.body.contacts) {
      expect(c.searchAfter).toEqual([Date.parse(c.dateAdded), c.id]);
      expect(c.locationId).toBe(small);
    }
  });

  it.each([
    [{ pageLimit: 10 }, 'locationId should not be empty'],
    [{ locationId: 'x' }, 'pageLimit must be a number conforming to the specified constraints'],
    [{ locationId: 'x', pageLimit: 501 }, 'pageLimit must not be greater than 500'],
    [
      { locationId: 'x', pageLimit: '10' },
      'pageLimit must be a number conforming to the specified constraints',
    ],
    [{ locationId: 'x', pageLimit: 10, limit: 5 }, 'property limit should not exist'],
    [
      { locationId: 'x', pageLimit: 10, page: 2, searchAfter: [1, 'a'] },
      'page and searchAfter cannot be used together',
    ],
    [
      { locationId: 'x', pageLimit: 10, searchAfter: 'abc' },
      expect.stringContaining('searchAfter must be'),
    ],
    [
      {
        locationId: 'x',
        pageLimit: 10,
        filters: [{ field: 'dateUpdated', operator: 'gte', value: 1 }],
      },
      'Invalid Operator passed for field date_updated',
    ],
    [
      { locationId: 'x', pageLimit: 10, sort: [{ field: 'firstName', direction: 'asc' }] },
      expect.stringContaining('sort must be'),
    ],
  ])('422 for %j', async (body, message) => {
    const res = await search(body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(res.body.message).toEqual(expect.arrayContaining([message]));
  });

  it('page-based access stops at 10,000 records', async () => {
    expect((await search({ locationId: big, pageLimit: 500, page: 20 })).status).toBe(200);
    const res = await search({ locationId: big, pageLimit: 500, page: 21 });
    expect(res.status).toBe(422);
    expect((await search({ locationId: big, pageLimit: 300, page: 34 })).status).toBe(422);
  });

  it('searchAfter reaches every one of the 10,500 contacts, in sort order, with ties broken by id', async () => {
    const truth = sim.world.contacts(big);
    expect(truth.length).toBeGreaterThan(10_000);
    const sort = [{ field: 'dateUpdated', direction: 'asc' }];
    const ids = await allContactIds(sim, big, { sort });
    expect(ids).toHaveLength(truth.length);
    expect(new Set(ids)).toEqual(new Set(truth.map((c) => c.id)));
    const updated = new Map(truth.map((c) => [c.id, Date.parse(c.dateUpdated)]));
    for (let i = 1; i < ids.length; i++) {
      const [a, b] = [updated.get(ids[i - 1]!)!, updated.get(ids[i]!)!];
      expect(a < b || (a === b && ids[i - 1]! < ids[i]!)).toBe(true);
    }
    // Bulk imports share a dateAdded exactly, so cursors must tie-break on id.
    const added = truth.map((c) => c.dateAdded);
    expect(added.length - new Set(added).size).toBeGreaterThan(100);
    const desc = await allContactIds(sim, big, {
      sort: [{ field: 'dateAdded', direction: 'desc' }],
    });
    expect(new Set(desc).size).toBe(truth.length);
  });

  it('filters dateUpdated ranges given as ISO strings or epoch ms alike', async () => {
    const gte = '2026-10-01T00:00:00.000Z';
    const lt = '2026-10-15T00:00:00.000Z';
    const expected = sim.world
      .contacts(small)
      .filter((c) => c.dateUpdated >= gte && c.dateUpdated < lt)
      .map((c) => c.id)
      .sort();
    const iso = await search({
      locationId: small,
      pageLimit: 500,
      filters: [{ field: 'dateUpdated', operator: 'range', value: { gte, lt } }],
    });
    const epoch = await search({
      locationId: small,
      pageLimit: 500,
      filters: [
        {
          field: 'dateUpdated',
          operator: 'range',
          value: { gte: Date.parse(gte), lt: Date.parse(lt) },
        },
      ],
    });
    expect(iso.body.total).toBe(expected.length);
    expect(iso.body.contacts.map((c: { id: string }) => c.id).sort()).toEqual(expected);
    expect(epoch.body.contacts.map((c: { id: string }) => c.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('supports simple text filters, groups and query', async () => {
    const truth = sim.world.contacts(small);
    const tagged = truth.filter((c) => c.tags.includes('vip')).length;
    const res = await search({
      locationId: small,
      pageLimit: 500,
      filters: [{ field: 'tags', operator: 'eq', value: 'vip' }],
    });
    expect(res.body.total).toBe(tagged);
    const either = await search({
      locationId: small,
      pageLimit: 500,
      filters: [
        {
          group: 'OR',
          filters: [
            { field: 'type', operator: 'eq', value: 'customer' },
            { field: 'dnd', operator: 'eq', value: true },
          ],
        },
      ],
    });
    expect(either.body.total).toBe(truth.filter((c) => c.type === 'customer' || c.dnd).length);
  });
});
