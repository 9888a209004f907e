import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';
import { startSimulator, type Simulator } from './server';
import { call } from './test-client';

describe('RateLimiter', () => {
  it('is a sliding window per (token, resource) with a daily budget', () => {
    const limiter = new RateLimiter(() => ({ max: 3, intervalMs: 1_000, daily: 5 }));
    expect([0, 100, 200].map((t) => limiter.check('t', 'loc', t, false).allowed)).toEqual([
      true,
      true,
      true,
    ]);
    const denied = limiter.check('t', 'loc', 900, false);
    expect(denied).toMatchObject({ allowed: false, reason: 'burst', retryAfterSec: 1 });
    expect(limiter.check('t', 'other', 900, false).allowed).toBe(true);
    expect(limiter.check('u', 'loc', 900, false).allowed).toBe(true);
    expect(limiter.check('t', 'loc', 1_001, false).headers['X-RateLimit-Remaining']).toBe('0');
    expect(limiter.check('t', 'loc', 1_101, false)).toMatchObject({ allowed: true });
    expect(limiter.check('t', 'loc', 5_000, false)).toMatchObject({
      allowed: false,
      reason: 'daily',
    });
    expect(limiter.check('t', 'x', 0, true)).toMatchObject({ allowed: false, reason: 'daily' });
  });
});

describe('rate limits over HTTP', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      locations: 2,
      rateLimit: { max: 5, intervalMs: 5_000 },
      sizes: () => ({ contacts: 10 }),
    });
  });
  afterAll(() => sim.close());

  it('sends the X-RateLimit-* headers on every response and 429s over budget', async () => {
    const loc = sim.world.locations[1]!.id;
    const path = `/opportunities/pipelines?locationId=${loc}`;
    const first = await call(sim, path);
    expect(first.status).toBe(200);
    expect(
      Object.fromEntries([...first.headers].filter(([k]) => k.startsWith('x-ratelimit'))),
    ).toEqual({
      'x-ratelimit-limit-daily': '200000',
      'x-ratelimit-daily-remaining': '199999',
      'x-ratelimit-interval-milliseconds': '5000',
      'x-ratelimit-max': '5',
      'x-ratelimit-remaining': '4',
    });
    for (let i = 0; i < 4; i++) await call(sim, path);
    const limited = [await call(sim, path), await call(sim, path)];
    for (const res of limited) {
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ statusCode: 429, message: 'Too Many Requests' });
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    }
    // Retry-After is on some 429s, not all (default policy alternates).
    expect(limited.filter((r) => r.headers.get('retry-after') !== null)).toHaveLength(1);
    // The companyId bucket is separate from the location bucket.
    expect((await call(sim, `/locations/${loc}`)).status).toBe(200);
    // (Window expiry is covered by the unit test above; no sleeping here.)
    sim.resetRateLimits();
    expect((await call(sim, path)).status).toBe(200);
    expect(sim.stats().budgetExceeded).toBe(2);
  });
});
