import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTACTS_SEARCH_RESPONSE,
  KNOWN_SPEC_GAPS,
  TRACE_ID,
  applyKnownGaps,
} from './contract/observed';
import { SpecStore, validate, type Schema } from './contract/openapi';
import { startSimulator, type Simulator } from './server';
import { call, type SimResponse } from './test-client';

/** The simulator against the official OpenAPI v2 specs, vendored in sim/openapi/ (README there). */
const SPEC_DIR = new URL('./openapi/apps/', import.meta.url);
const store = new SpecStore(SPEC_DIR);
let sim: Simulator;

type Endpoint = {
  file: string;
  path: string;
  method: 'GET' | 'POST';
  url: (loc: string) => string;
  body?: (loc: string) => unknown;
};
const ENDPOINTS: Endpoint[] = [
  {
    file: 'locations.json',
    path: '/locations/search',
    method: 'GET',
    url: () => `/locations/search?companyId=${sim.companyId}&limit=100`,
  },
  {
    file: 'locations.json',
    path: '/locations/{locationId}',
    method: 'GET',
    url: (loc) => `/locations/${loc}`,
  },
  {
    file: 'opportunities.json',
    path: '/opportunities/search',
    method: 'GET',
    url: (loc) => `/opportunities/search?location_id=${loc}&status=all&limit=100`,
  },
  {
    file: 'opportunities.json',
    path: '/opportunities/pipelines',
    method: 'GET',
    url: (loc) => `/opportunities/pipelines?locationId=${loc}`,
  },
  {
    file: 'payments.json',
    path: '/payments/transactions',
    method: 'GET',
    url: (loc) => `/payments/transactions?altId=${loc}&altType=location&limit=100`,
  },
  {
    file: 'payments.json',
    path: '/payments/orders',
    method: 'GET',
    url: (loc) => `/payments/orders?altId=${loc}&limit=100`,
  },
  {
    file: 'payments.json',
    path: '/payments/subscriptions',
    method: 'GET',
    url: (loc) => `/payments/subscriptions?altId=${loc}&altType=location&limit=100`,
  },
  {
    file: 'contacts.json',
    path: '/contacts/search',
    method: 'POST',
    url: () => '/contacts/search',
    body: (loc) => ({ locationId: loc, pageLimit: 500 }),
  },
];

function expectValid(
  schema: Schema | { schema: Schema; file: URL } | undefined,
  res: SimResponse,
  file = 'contacts.json',
) {
  if (!schema) throw new Error('no schema');
  const located =
    'file' in schema && schema.file instanceof URL
      ? (schema as { schema: Schema; file: URL })
      : { schema: schema as Schema, file: store.url(file) };
  const problems = validate(store, located, res.body);
  expect(problems.slice(0, 10)).toEqual([]);
}

let gapError: unknown;
beforeAll(async () => {
  try {
    applyKnownGaps(store);
  } catch (error) {
    gapError = error;
  }
  sim = await startSimulator({ rateLimit: false });
});
afterAll(() => sim.close());

describe('OpenAPI contract', () => {
  it('finds the vendored specs and every documented spec gap still matches them', () => {
    expect(existsSync(fileURLToPath(SPEC_DIR)), fileURLToPath(SPEC_DIR)).toBe(true);
    expect(gapError).toBeUndefined();
    expect(KNOWN_SPEC_GAPS.length).toBeGreaterThan(0);
  });

  it('the validator does catch a broken record (malformed-record fault)', async () => {
    const loc = sim.world.locations[2]!.id;
    const oppsUrl = `/opportunities/search?location_id=${loc}&limit=100`;
    const txnsUrl = `/payments/transactions?altId=${loc}&altType=location&limit=100`;
    const contactsBody = { locationId: loc, pageLimit: 500 };
    const firstId = async (url: string, body?: unknown) => {
      const res = await call(sim, url, { body });
      const list = res.body.opportunities ?? res.body.data ?? res.body.contacts;
      return (list[0].id ?? list[0]._id) as string;
    };
    sim.setFaults({
      malformed: [
        {
          locationId: loc,
          entity: 'opportunities',
          recordId: await firstId(oppsUrl),
          set: { monetaryValue: 'abc' },
        },
        {
          locationId: loc,
          entity: 'transactions',
          recordId: await firstId(txnsUrl),
          omit: ['createdAt'],
        },
        {
          locationId: loc,
          entity: 'contacts',
          recordId: await firstId('/contacts/search', contactsBody),
          omit: ['dateAdded'],
        },
      ],
    });
    try {
      const opps = await call(sim, oppsUrl);
      const oppSchema = store.responseSchema(
        'opportunities.json',
        '/opportunities/search',
        'GET',
        200,
      )!;
      expect(validate(store, oppSchema, opps.body).join()).toMatch(
        /monetaryValue: expected number, got string/,
      );
      const txns = await call(sim, txnsUrl);
      const txnSchema = store.responseSchema(
        'payments.json',
        '/payments/transactions',
        'GET',
        200,
      )!;
      expect(validate(store, txnSchema, txns.body).join()).toMatch(/createdAt: required/);
      const contacts = await call(sim, '/contacts/search', { body: contactsBody });
      expect(
        validate(
          store,
          { schema: CONTACTS_SEARCH_RESPONSE, file: store.url('contacts.json') },
          contacts.body,
        ).join(),
      ).toMatch(/dateAdded: required/);
    } finally {
      sim.resetFaults();
    }
  });

  it('serves 200 bodies that match the spec for every location and page', async () => {
    for (const loc of sim.world.locations) {
      for (const endpoint of ENDPOINTS.filter((e) => e.path !== '/contacts/search')) {
        const schema = store.responseSchema(endpoint.file, endpoint.path, endpoint.method, 200);
        let url: string | null = endpoint.url(loc.id);
        for (let offset = 100; url; offset += 100) {
          const res: SimResponse = await call(sim, url);
          expect(res.status, url).toBe(200);
          expectValid(schema, res);
          if (endpoint.path === '/opportunities/search')
            url = res.body.meta.nextPageUrl?.replace(sim.url, '') ?? null;
          else if (endpoint.path.startsWith('/payments/') && offset < res.body.totalCount)
            url = `${endpoint.url(loc.id)}&offset=${offset}`;
          else url = null;
        }
      }
    }
  });

  it('serves contacts search bodies that match the observed shape (the spec has none)', async () => {
    expect(store.responseSchema('contacts.json', '/contacts/search', 'POST', 200)).toBeUndefined();
    for (const loc of sim.world.locations) {
      const res = await call(sim, '/contacts/search', {
        body: { locationId: loc.id, pageLimit: 500 },
      });
      expect(res.status).toBe(200);
      expectValid(CONTACTS_SEARCH_RESPONSE, res);
    }
  });

  it('serves 400, 401 and 422 bodies that match the common error DTOs, with traceId', async () => {
    const loc = sim.world.locations[1]!.id;
    for (const endpoint of ENDPOINTS) {
      const body = endpoint.body?.(loc);
      const noVersion = await call(sim, endpoint.url(loc), { body, headers: { Version: '' } });
      const badToken = await call(sim, endpoint.url(loc), { body, token: 'pit-revoked' });
      const unknownParam = endpoint.body
        ? await call(sim, endpoint.url(loc), { body: { ...(body as object), bogus: 1 } })
        : await call(
            sim,
            `${endpoint.url(loc)}${endpoint.url(loc).includes('?') ? '&' : '?'}bogus=1`,
          );
      const cases: [number, SimResponse, string][] = [
        [400, noVersion, 'BadRequestDTO'],
        [401, badToken, 'UnauthorizedDTO'],
        [422, unknownParam, 'UnprocessableDTO'],
      ];
      for (const [status, res, dto] of cases) {
        expect(res.status, `${endpoint.path} ${status}`).toBe(status);
        const specSchema = store.responseSchema(
          endpoint.file,
          endpoint.path,
          endpoint.method,
          status,
        );
        // Where an operation lists no schema for the status, use the common DTO it would have.
        expectValid(
          specSchema ?? { $ref: `../common/common-schemas.json#/components/schemas/${dto}` },
          res,
          endpoint.file,
        );
        expectValid(TRACE_ID, res);
      }
    }
  });

  it('accepts every query parameter the spec lists and rejects any other (the real API is strict)', async () => {
    const loc = sim.world.locations[1]!.id;
    for (const endpoint of ENDPOINTS.filter((e) => e.method === 'GET')) {
      const base = endpoint.url(loc);
      for (const param of store.queryParams(endpoint.file, endpoint.path, endpoint.method)) {
        const schema = (param.schema ?? {}) as Schema;
        const value = String(
          (schema.enum as unknown[] | undefined)?.[0] ??
            schema.default ??
            schema.example ??
            param.example ??
            'x',
        );
        const url = new URL(base, sim.url);
        url.searchParams.set(String(param.name), value);
        const res = await call(sim, `${url.pathname}${url.search}`);
        const messages: string[] = res.status === 422 ? res.body.message : [];
        expect(messages, `${endpoint.path} ?${String(param.name)}`).not.toContain(
          `property ${String(param.name)} should not exist`,
        );
      }
    }
  });
});
