import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
} from '@playwright/test';
import { LOCATIONS, OCTOBER, STORAGE } from './fixtures/e2e-data';

/*
 * The general rule, tested: no input from outside ever produces a 5xx or a stack trace. Every
 * route of the app (pages and API) has an entry below; a route without one fails the first test,
 * so a new route cannot skip the sweep. Each entry is sent hostile query strings, path segments,
 * bodies, cookies and headers, signed out and signed in, and must answer 2xx/3xx/4xx — for API
 * routes a 4xx in the JSON error shape — never 5xx, never a stack trace. Server actions are swept
 * in lib/actions/hostile-input.test.ts.
 */

type Entry = {
  /** Concrete paths for the route, hostile segments included where it has a parameter. */
  paths: string[];
  methods: Array<'GET' | 'POST'>;
  /** API routes answer failures in the JSON error shape (next-auth's catch-all has its own). */
  isJsonApi: boolean;
};

const SEGMENTS = [
  '%00',
  '%01%7F',
  '%E0%A4%A',
  '%C0%AF',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(3000),
];

const ROUTES: Record<string, Entry> = {
  '/': { paths: ['/'], methods: ['GET', 'POST'], isJsonApi: false },
  '/login': { paths: ['/login'], methods: ['GET', 'POST'], isJsonApi: false },
  '/account': { paths: ['/account'], methods: ['GET', 'POST'], isJsonApi: false },
  '/health': { paths: ['/health'], methods: ['GET'], isJsonApi: false },
  '/locations/[locationId]': {
    paths: [`/locations/${LOCATIONS.alpha.id}`, ...SEGMENTS.map((s) => `/locations/${s}`)],
    methods: ['GET'],
    isJsonApi: false,
  },
  '/api/auth/[...nextauth]': {
    paths: [
      '/api/auth/session',
      '/api/auth/csrf',
      '/api/auth/providers',
      '/api/auth/callback/credentials',
      '/api/auth/signin/credentials',
      '/api/auth/signout',
      ...SEGMENTS.map((s) => `/api/auth/${s}`),
      '/api/auth/callback/%00',
    ],
    methods: ['GET', 'POST'],
    isJsonApi: false,
  },
  '/api/health': { paths: ['/api/health'], methods: ['GET'], isJsonApi: true },
  '/api/health/sync': { paths: ['/api/health/sync'], methods: ['GET'], isJsonApi: true },
  '/api/reports/daily': { paths: ['/api/reports/daily'], methods: ['GET'], isJsonApi: true },
  '/api/reports/breakdowns': {
    paths: ['/api/reports/breakdowns'],
    methods: ['GET'],
    isJsonApi: true,
  },
  '/api/reports/locations': {
    paths: ['/api/reports/locations'],
    methods: ['GET'],
    isJsonApi: true,
  },
  '/api/reports/locations.csv': {
    paths: ['/api/reports/locations.csv'],
    methods: ['GET'],
    isJsonApi: true,
  },
  '/set-password': { paths: ['/set-password'], methods: ['GET'], isJsonApi: false },
  '/api/set-password': { paths: ['/api/set-password'], methods: ['POST'], isJsonApi: true },
  '/api/sync/progress': { paths: ['/api/sync/progress'], methods: ['GET'], isJsonApi: true },
  '/api/settings/schedules/deliveries.csv': {
    paths: ['/api/settings/schedules/deliveries.csv'],
    methods: ['GET'],
    isJsonApi: true,
  },
  '/settings/users': { paths: ['/settings/users'], methods: ['GET', 'POST'], isJsonApi: false },
  '/settings/tokens': { paths: ['/settings/tokens'], methods: ['GET'], isJsonApi: false },
  '/settings/sync': { paths: ['/settings/sync'], methods: ['GET'], isJsonApi: false },
  '/settings/audit': { paths: ['/settings/audit'], methods: ['GET'], isJsonApi: false },
  '/settings/connect': { paths: ['/settings/connect'], methods: ['GET', 'POST'], isJsonApi: false },
  '/api/oauth/callback': { paths: ['/api/oauth/callback'], methods: ['GET'], isJsonApi: true },
  '/settings/schedules': { paths: ['/settings/schedules'], methods: ['GET'], isJsonApi: false },
  '/settings/schedules/new': {
    paths: ['/settings/schedules/new'],
    methods: ['GET', 'POST'],
    isJsonApi: false,
  },
  '/settings/schedules/[scheduleId]': {
    paths: SEGMENTS.slice(0, 3).map((s) => `/settings/schedules/${s}`),
    methods: ['GET'],
    isJsonApi: false,
  },
  '/settings/schedules/deliveries': {
    paths: ['/settings/schedules/deliveries'],
    methods: ['GET'],
    isJsonApi: false,
  },
  '/settings/schedules/deliveries/[deliveryId]': {
    paths: SEGMENTS.slice(0, 3).map((s) => `/settings/schedules/deliveries/${s}`),
    methods: ['GET'],
    isJsonApi: false,
  },
  '/api/reports/daily.csv': {
    paths: ['/api/reports/daily.csv'],
    methods: ['GET'],
    isJsonApi: true,
  },
  '/api/reports/sync-health.csv': {
    paths: ['/api/reports/sync-health.csv'],
    methods: ['GET'],
    isJsonApi: true,
  },
  '/api/webhooks/ghl': { paths: ['/api/webhooks/ghl'], methods: ['POST'], isJsonApi: true },
};

/** Every page and route handler under app/, as its URL pattern (route groups dropped). */
function discoverRoutes(): string[] {
  const appDir = join(process.cwd(), 'app');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return /^(page|route)\.tsx?$/.test(entry.name) ? [path] : [];
    });
  return walk(appDir).map((file) => {
    const parts = relative(appDir, file)
      .split(sep)
      .slice(0, -1)
      .filter((part) => !/^\(.*\)$/.test(part));
    return `/${parts.join('/')}`;
  });
}

const QUERIES = [
  'from=%00&to=%01',
  `from=${'9'.repeat(5000)}&to=x`,
  'from=2026-10-01&from=2026-10-02&to=2026-10-31&to=%FF',
  'from[]=2026-10-01&to[$gt]=1',
  `from=${OCTOBER.from}&to=${OCTOBER.to}&location=%00&location=${'l'.repeat(4000)}`,
  `from=${OCTOBER.from}&to=${OCTOBER.to}&location=${LOCATIONS.alpha.id}%0d%0aSet-Cookie:%20x=1`,
  'from=0000-01-01&to=0000-01-02',
  'from=2026-02-30&to=2026-13-01',
  'callbackUrl=//evil.example&error=%00',
  'callbackUrl=javascript:alert(1)',
  'callbackUrl=%2F%5Cevil.example',
  'callbackUrl=/%0d%0aLocation:%20https://evil.example',
  `callbackUrl=${'/a'.repeat(3000)}`,
  '%E0%A4%A=%C0%AF',
  'a=%',
];

const BODIES: Array<{ data: string; contentType: string }> = [
  { data: '\u0000\u0001\u0002', contentType: 'application/x-www-form-urlencoded' },
  { data: '{"email": [1,2,3], "password": {"$ne": null}}', contentType: 'application/json' },
  { data: '{"broken json', contentType: 'application/json' },
  {
    data: `email=${'a'.repeat(5000)}&password=%00&csrfToken=x`,
    contentType: 'application/x-www-form-urlencoded',
  },
  {
    data: 'email=a@b.c&email=d@e.f&password=x&password=y',
    contentType: 'application/x-www-form-urlencoded',
  },
  {
    data: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n--x--',
    contentType: 'multipart/form-data; boundary=x',
  },
];

const COOKIES = [
  'next-auth.session-token=garbage',
  `next-auth.session-token=${'A'.repeat(3000)}`,
  'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z',
  'next-auth.csrf-token=%00%01; next-auth.callback-url=javascript:alert(1)',
];

const HEADERS: Array<Record<string, string>> = [
  { 'x-forwarded-for': 'not-an-ip, %00' },
  { 'accept-language': 'x'.repeat(4000) },
  { 'next-action': 'deadbeef' },
  { 'next-router-state-tree': '%00garbage' },
  { rsc: '1', 'next-router-prefetch': '1' },
];

const STACK = /\n\s+at \S+ \(|node_modules\/|webpack-internal|\.tsx?:\d+:\d+/;

async function check(
  api: APIRequestContext,
  entry: Entry,
  method: 'GET' | 'POST',
  url: string,
  options: { data?: string; headers?: Record<string, string> } = {},
) {
  const response = await api.fetch(url, {
    method,
    maxRedirects: 0,
    failOnStatusCode: false,
    ...(options.data !== undefined ? { data: options.data } : {}),
    headers: options.headers,
  });
  const status = response.status();
  const text = await response.text();
  const where = `${method} ${url.slice(0, 200)} ${JSON.stringify(options.headers ?? {}).slice(0, 120)}`;
  expect(status, where).toBeLessThan(500);
  expect(text, where).not.toMatch(STACK);
  if (entry.isJsonApi && status >= 400) {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, where).toBe('string');
    expect(typeof body.error?.message, where).toBe('string');
  }
}

test('every route of the app has an entry in the sweep', () => {
  expect(discoverRoutes().sort()).toEqual(Object.keys(ROUTES).sort());
});

for (const [pattern, entry] of Object.entries(ROUTES)) {
  for (const signedIn of [false, true]) {
    test(`${pattern}: hostile input ${signedIn ? 'signed in' : 'signed out'} never gives a 5xx`, async ({
      baseURL,
    }) => {
      test.setTimeout(120_000);
      const api = await playwrightRequest.newContext({
        baseURL,
        ...(signedIn ? { storageState: STORAGE.admin } : {}),
      });
      try {
        for (const path of entry.paths) {
          for (const method of entry.methods) {
            for (const query of QUERIES) await check(api, entry, method, `${path}?${query}`);
            for (const { data, contentType } of method === 'POST' ? BODIES : [])
              await check(api, entry, method, path, {
                data,
                headers: { 'content-type': contentType },
              });
          }
          if (signedIn) continue; // garbage cookies replace the session: signed out anyway
          // With the route's own first method: a POST-only route answers GET with Next's bare 405.
          const method = entry.methods[0] ?? 'GET';
          for (const cookie of COOKIES)
            await check(api, entry, method, path, { headers: { cookie } });
          for (const headers of HEADERS) await check(api, entry, method, path, { headers });
        }
      } finally {
        await api.dispose();
      }
    });
  }
}
