import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import { INTERNAL_MESSAGE } from '@/lib/errors';
import { isWrappedRoute } from '@/lib/handle-error';

// Every route handler under app/api, with a signed-in admin and a database that fails in a way
// that would leak if anything printed it.
const LEAK = 'postgresql://app:hunter2@10.0.0.7/pulse SELECT * FROM users';
vi.mock('@/lib/auth/get-session-user', () => ({
  getSessionUser: async (): Promise<SessionUser> => ({
    id: '00000000-0000-4000-8000-000000000001',
    email: 'a@x.test',
    name: 'A',
    role: 'admin',
    locationIds: [],
  }),
}));
// The daily-series export reads with plain `pg` on DATABASE_URL: point it at a port nothing
// listens on, with a password that must not leak either.
process.env.DATABASE_URL = 'postgresql://app:hunter2@127.0.0.1:9/pulse';
vi.mock('@/lib/db/client', () => ({
  db: () => {
    throw new Error(`could not connect: ${LEAK}`);
  },
}));

const API_DIR = join(process.cwd(), 'app/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
// next-auth's catch-all answers in next-auth's own shapes; it is the one route not wrapped.
const EXEMPT = ['auth/[...nextauth]/route.ts'];
// A valid body for handlers that read one, so the request gets as far as the database.
const BODIES: Record<string, unknown> = {
  'set-password/route.ts': {
    token: 'x'.repeat(43),
    password: 'a-long-enough-password',
    confirmPassword: 'a-long-enough-password',
  },
};

// Query parameters a handler needs beyond the period to get as far as the database.
const QUERIES: Record<string, string> = { 'reports/breakdowns/route.ts': '&location=loc_x' };

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === 'route.ts' ? [relative(API_DIR, path)] : [];
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('every API route goes through the one error path', () => {
  const files = routeFiles(API_DIR).filter((file) => !EXEMPT.includes(file));

  it('finds the routes', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'health/route.ts',
        'health/sync/route.ts',
        'reports/daily/route.ts',
        'reports/locations/route.ts',
        'reports/locations.csv/route.ts',
      ]),
    );
  });

  it.each(files)(
    '%s: each handler is wrapped with route() and fails as JSON without internals',
    async (file) => {
      const log = vi.spyOn(console, 'error').mockImplementation(() => {});
      const module = (await import(/* @vite-ignore */ join(API_DIR, file))) as Record<
        string,
        unknown
      >;
      const handlers = METHODS.filter((method) => method in module);
      expect(handlers.length).toBeGreaterThan(0);
      for (const method of handlers) {
        const handler = module[method];
        expect(isWrappedRoute(handler), `${file} ${method}`).toBe(true);
        const path = `/api/${file.replace(/\/?route\.ts$/, '')}`;
        const response = await (handler as (request: Request) => Promise<Response>)(
          new Request(
            `http://127.0.0.1${path}?from=2026-10-01&to=2026-10-31${QUERIES[file] ?? ''}`,
            {
              method,
              ...(method === 'POST' && file in BODIES
                ? { body: JSON.stringify(BODIES[file]) }
                : {}),
            },
          ),
        );
        // The database is down: 500 from the error path, or the health check's own 503 answer.
        expect([500, 503]).toContain(response.status);
        expect(response.headers.get('content-type')).toContain('application/json');
        const text = await response.text();
        expect(text).not.toContain('hunter2');
        expect(text).not.toContain('SELECT');
        expect(text).not.toContain('could not connect');
        if (response.status === 500) {
          expect(JSON.parse(text)).toEqual({
            error: { code: 'internal', message: INTERNAL_MESSAGE },
          });
          expect(log).toHaveBeenCalled();
          expect(log.mock.calls.flat().join('\n')).not.toContain('hunter2');
        }
      }
    },
  );
});
