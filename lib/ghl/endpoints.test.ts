import { describe, expect, it } from 'vitest';
import { jsonReply } from './testing/fake-fetch';
import {
  contactRecord,
  locationRecord,
  opportunityRecord,
  orderRecord,
  pipelineRecord,
  range,
  subscriptionRecord,
  transactionRecord,
} from './testing/fixtures';
import { AGENCY_TOKEN, allPages, LOCATION_TOKEN, testClient } from './testing/test-client';

const params = (url: URL) => Object.fromEntries(url.searchParams.entries());

describe('GET /locations/search', () => {
  it('pages with skip/limit=100 until a short page, with the agency token', async () => {
    const { client, requests } = testClient((req) => {
      const skip = Number(req.url.searchParams.get('skip'));
      const ids = skip === 0 ? range(0, 100) : range(100, 130);
      return jsonReply(200, { locations: ids.map(locationRecord), traceId: 't' });
    });
    const pages = await allPages(client.searchLocations());
    expect(pages.map((p) => [p.items.length, p.next])).toEqual([
      [100, { skip: 100 }],
      [30, null],
    ]);
    expect(params(requests[1]!.url)).toEqual({
      companyId: 'comp_test',
      skip: '100',
      limit: '100',
      order: 'asc',
    });
    expect(requests[0]!.url.pathname).toBe('/locations/search');
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${AGENCY_TOKEN}`);
    expect(requests[0]!.headers.get('version')).toBe('2021-07-28');
    expect(requests[0]!.headers.get('accept')).toBe('application/json');
    expect(requests[0]!.headers.get('content-type')).toBeNull();
  });

  it('resumes from a cursor and yields one empty last page when the list ends on a full page', async () => {
    const { client, requests } = testClient(() => jsonReply(200, { locations: [] }));
    const pages = await allPages(client.searchLocations({ cursor: { skip: 200 } }));
    expect(pages).toEqual([{ items: [], next: null }]);
    expect(requests[0]!.url.searchParams.get('skip')).toBe('200');
  });

  it('reads one location', async () => {
    const { client, requests } = testClient(() => jsonReply(200, { location: locationRecord(7) }));
    const location = await client.getLocation('loc_7');
    expect(location).toMatchObject({
      id: 'loc_7',
      timezone: 'America/Chicago',
      companyId: 'comp_test',
    });
    expect(requests[0]!.url.pathname).toBe('/locations/loc_7');
  });
});

describe('POST /contacts/search', () => {
  it('sends locationId, pageLimit, sort and the dateUpdated range on every page and follows searchAfter', async () => {
    const { client, requests } = testClient((req, n) => {
      const ids = n === 0 ? range(0, 500) : range(500, 720);
      return jsonReply(200, { contacts: ids.map(contactRecord), total: 720 });
    });
    const since = '2025-12-01T00:00:00.000Z';
    const pages = await allPages(client.searchContacts('loc_1', { updatedSince: new Date(since) }));
    expect(pages.map((p) => p.items.length)).toEqual([500, 220]);
    expect(pages[0]!.next).toEqual({ searchAfter: contactRecord(499).searchAfter });
    expect(pages[1]!.next).toBeNull();
    for (const req of requests) {
      expect(req.method).toBe('POST');
      expect(req.headers.get('content-type')).toBe('application/json');
      expect(req.headers.get('authorization')).toBe(`Bearer ${LOCATION_TOKEN}`);
      expect(req.body).toMatchObject({
        locationId: 'loc_1',
        pageLimit: 500,
        sort: [{ field: 'dateUpdated', direction: 'asc' }],
        filters: [{ field: 'dateUpdated', operator: 'range', value: { gte: since } }],
      });
    }
    expect(requests[0]!.body).not.toHaveProperty('searchAfter');
    expect(requests[1]!.body).toMatchObject({ searchAfter: contactRecord(499).searchAfter });
    // Unknown fields are accepted but not kept: only the checked facts leave the client (no PII).
    expect(pages[0]!.items[1]).toMatchObject({ id: 'c1', source: 'facebook' });
    expect(pages[0]!.items[1]).not.toHaveProperty('someUndocumentedField');
    expect(pages[0]!.items[0]!.source).toBeNull();
  });

  it('sends no filter without updatedSince and starts from a given cursor', async () => {
    const { client, requests } = testClient(() => jsonReply(200, { contacts: [contactRecord(1)] }));
    await allPages(
      client.searchContacts('loc_1', { cursor: { searchAfter: [5, 'c0'] }, pageLimit: 10 }),
    );
    expect(requests[0]!.body).toEqual({
      locationId: 'loc_1',
      pageLimit: 10,
      sort: [{ field: 'dateUpdated', direction: 'asc' }],
      searchAfter: [5, 'c0'],
    });
  });

  it('refuses a pageLimit above 500 and a non-ISO updatedSince', () => {
    const { client } = testClient(() => jsonReply(200, {}));
    expect(() => client.searchContacts('loc_1', { pageLimit: 501 })).toThrow(RangeError);
    expect(() => client.searchContacts('loc_1', { updatedSince: 'yesterday' })).toThrow(TypeError);
  });

  it('stops with bad_payload when the cursor does not advance', async () => {
    const { client } = testClient(() =>
      jsonReply(200, { contacts: range(0, 2).map(() => contactRecord(1)) }),
    );
    const pages = client.searchContacts('loc_1', {
      pageLimit: 2,
      cursor: { searchAfter: contactRecord(1).searchAfter as [number, string] },
    });
    await expect(allPages(pages)).rejects.toMatchObject({
      code: 'bad_payload',
      fieldPath: '(cursor)',
    });
  });
});

describe('GET /opportunities/search', () => {
  it('sends location_id, status=all, limit=100 on every page and follows meta.startAfter/startAfterId', async () => {
    const { client, requests } = testClient((req, n) => {
      const ids = n === 0 ? range(0, 100) : range(100, 150);
      const meta =
        n === 0
          ? {
              total: 150,
              nextPageUrl: 'https://x/next',
              startAfterId: 'o99',
              startAfter: 1767225600099,
            }
          : { total: 150, nextPageUrl: null, startAfterId: null, startAfter: null };
      return jsonReply(200, { opportunities: ids.map(opportunityRecord), meta, aggregations: {} });
    });
    const pages = await allPages(client.searchOpportunities('loc_1'));
    expect(pages.map((p) => [p.items.length, p.next])).toEqual([
      [100, { startAfter: 1767225600099, startAfterId: 'o99' }],
      [50, null],
    ]);
    expect(params(requests[0]!.url)).toEqual({ location_id: 'loc_1', status: 'all', limit: '100' });
    expect(params(requests[1]!.url)).toEqual({
      location_id: 'loc_1',
      status: 'all',
      limit: '100',
      startAfter: '1767225600099',
      startAfterId: 'o99',
    });
  });

  it('stops on a null nextPageUrl even when the page is full', async () => {
    const { client, requests } = testClient(() =>
      jsonReply(200, {
        opportunities: range(0, 100).map(opportunityRecord),
        meta: { nextPageUrl: null },
      }),
    );
    const pages = await allPages(client.searchOpportunities('loc_1'));
    expect(pages).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });
});

describe('pipelines and payments', () => {
  it('lists pipelines with their stages', async () => {
    const { client, requests } = testClient(() =>
      jsonReply(200, { pipelines: [pipelineRecord(1)] }),
    );
    const pipelines = await client.listPipelines('loc_1');
    expect(pipelines[0]!.stages.map((s) => [s.id, s.position])).toEqual([
      ['p1s1', 0],
      ['p1s2', 1],
    ]);
    expect(params(requests[0]!.url)).toEqual({ locationId: 'loc_1' });
  });

  it.each([
    ['listTransactions', '/payments/transactions', transactionRecord, true],
    ['listSubscriptions', '/payments/subscriptions', subscriptionRecord, true],
    ['listOrders', '/payments/orders', orderRecord, false],
  ] as const)('%s pages by offset until totalCount', async (method, path, record, hasAltType) => {
    const { client, requests } = testClient((req) => {
      const offset = Number(req.url.searchParams.get('offset'));
      return jsonReply(200, {
        data: range(offset, Math.min(offset + 100, 250)).map(record),
        totalCount: 250,
      });
    });
    const list = client[method] as (
      id: string,
    ) => AsyncIterable<{ items: unknown[]; next: unknown }>;
    const pages = await allPages(list('loc_1'));
    expect(pages.map((p) => [p.items.length, p.next])).toEqual([
      [100, { offset: 100 }],
      [100, { offset: 200 }],
      [50, null],
    ]);
    expect(requests[0]!.url.pathname).toBe(path);
    expect(params(requests[1]!.url)).toEqual({
      altId: 'loc_1',
      ...(hasAltType ? { altType: 'location' } : {}),
      limit: '100',
      offset: '100',
    });
  });

  it('stops when offset reaches totalCount on a full page', async () => {
    const { client, requests } = testClient(() =>
      jsonReply(200, { data: range(0, 100).map(orderRecord), totalCount: 100 }),
    );
    await allPages(client.listOrders('loc_1'));
    expect(requests).toHaveLength(1);
  });
});
