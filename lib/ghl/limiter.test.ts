import { describe, expect, it } from 'vitest';
import { createRateLimiter, DailyBudgetSpent, type Permit } from './limiter';
import { FakeTime, flushMicrotasks } from './testing/fake-time';
import type { RateLimitInfo } from './types';

const noInfo: RateLimitInfo = {
  remaining: null,
  max: null,
  intervalMs: null,
  dailyRemaining: null,
};

function setup(opts: { max?: number; intervalMs?: number } = {}) {
  const time = new FakeTime();
  const limiter = createRateLimiter({
    max: opts.max ?? 100,
    intervalMs: opts.intervalMs ?? 10_000,
    clock: time.clock,
    sleep: time.sleep,
  });
  return { time, limiter };
}

/** Starts `n` acquisitions and reports how many were granted so far. */
function startMany(limiter: ReturnType<typeof createRateLimiter>, key: string, n: number) {
  const granted: Permit[] = [];
  const all = Array.from({ length: n }, () =>
    limiter.acquire(key).then((p) => (granted.push(p), p)),
  );
  return { granted, all };
}

describe('createRateLimiter', () => {
  it('grants max minus the safety margin at once, then waits for the window to slide', async () => {
    const { time, limiter } = setup();
    const { granted } = startMany(limiter, 'k', 100);
    await flushMicrotasks();
    expect(granted).toHaveLength(98); // 100 − 2 % margin
    for (const p of granted.splice(0, 98)) p.release(noInfo);
    await time.advance(9_999);
    expect(granted).toHaveLength(0);
    await time.advance(1);
    expect(granted).toHaveLength(2);
  });

  it('keeps a request in the window until intervalMs after it finished, not after it started', async () => {
    const { time, limiter } = setup({ max: 2, intervalMs: 1_000 }); // margin 1 → one at a time
    const first = await limiter.acquire('k');
    const second = limiter.acquire('k');
    let isGranted = false;
    void second.then(() => (isGranted = true));
    await time.advance(500); // still in flight
    expect(isGranted).toBe(false);
    first.release(noInfo); // finished at t=500
    await time.advance(999);
    expect(isGranted).toBe(false);
    await time.advance(1);
    expect(isGranted).toBe(true);
  });

  it('sustains at least 9.5 requests/s over a long run and never exceeds 100 per 10 s', async () => {
    const { time, limiter } = setup();
    const starts: number[] = [];
    const latency = 50;
    const worker = async () => {
      for (let i = 0; i < 300; i++) {
        const p = await limiter.acquire('k');
        starts.push(time.clock.now());
        await time.sleep(latency);
        p.release({ remaining: null, max: 100, intervalMs: 10_000, dailyRemaining: 100_000 });
      }
    };
    const t0 = time.clock.now();
    await time.run(Promise.all([worker(), worker(), worker()]));
    const elapsed = (time.clock.now() - t0) / 1000;
    expect(900 / elapsed).toBeGreaterThanOrEqual(9.5);
    for (let i = 0; i + 100 < starts.length; i++) {
      // Any 101 consecutive starts must span at least 10 s (+ latency, as seen by the server).
      expect((starts[i + 100] ?? 0) - (starts[i] ?? 0)).toBeGreaterThanOrEqual(10_000);
    }
  });

  it('trusts a server that reports fewer remaining requests than the local window', async () => {
    const { time, limiter } = setup();
    const p = await limiter.acquire('k');
    p.release({ remaining: 0, max: 100, intervalMs: 10_000, dailyRemaining: 5_000 });
    expect(limiter.state('k')?.inWindow).toBe(100);
    const next = limiter.acquire('k');
    let isGranted = false;
    void next.then(() => (isGranted = true));
    await time.advance(9_999);
    expect(isGranted).toBe(false);
    await time.advance(1);
    expect(isGranted).toBe(true);
  });

  it('adds no phantoms when the server still counts a request that already left the local window', async () => {
    const { time, limiter } = setup({ max: 100, intervalMs: 1_000 });
    const x = await limiter.acquire('k'); // the server saw it arrive at t≈90 (expires there at 1090)
    await time.advance(100);
    x.release({ remaining: 99, max: 100, intervalMs: 1_000, dailyRemaining: null }); // local until 1100
    await time.advance(985);
    const r = await limiter.acquire('k'); // t=1085: the server, at 1086, still counts x
    await time.advance(65);
    r.release({ remaining: 98, max: 100, intervalMs: 1_000, dailyRemaining: null }); // t=1150: x gone locally
    expect(limiter.state('k')?.inWindow).toBe(1);
  });

  it('adds phantoms for requests made by someone else with the same token', async () => {
    const { limiter } = setup();
    const a = await limiter.acquire('k');
    const b = await limiter.acquire('k');
    b.release({ remaining: 90, max: 100, intervalMs: 10_000, dailyRemaining: null }); // we explain 2, server counts 10
    expect(limiter.state('k')?.inWindow).toBe(2 + 8);
    a.release({ remaining: 89, max: 100, intervalMs: 10_000, dailyRemaining: null }); // 11 vs our 2 + 8 phantoms + b
    expect(limiter.state('k')?.inWindow).toBe(11);
  });

  it('ignores a server count that is higher than the local one', async () => {
    const { limiter } = setup();
    const p = await limiter.acquire('k');
    p.release({ remaining: 99, max: 100, intervalMs: 10_000, dailyRemaining: null });
    expect(limiter.state('k')?.inWindow).toBe(1);
  });

  it('adopts X-RateLimit-Max and X-RateLimit-Interval-Milliseconds', async () => {
    const { time, limiter } = setup();
    const p = await limiter.acquire('k');
    p.release({ remaining: 19, max: 20, intervalMs: 1_000, dailyRemaining: null });
    const { granted } = startMany(limiter, 'k', 25);
    await flushMicrotasks();
    expect(granted).toHaveLength(18); // 20 − 1 margin − 1 already in window
    for (const g of granted.splice(0)) g.release(noInfo);
    await time.advance(1_000);
    expect(granted.length).toBeGreaterThan(0);
    expect(limiter.state('k')?.intervalMs).toBe(1_000);
  });

  it('fails fast once the daily budget is spent, and recovers after the reset', async () => {
    const { time, limiter } = setup();
    const p = await limiter.acquire('k');
    p.release({ remaining: 50, max: 100, intervalMs: 10_000, dailyRemaining: 0 });
    await expect(limiter.acquire('k')).rejects.toBeInstanceOf(DailyBudgetSpent);
    const reset = limiter.state('k')?.dailyResetAt ?? 0;
    expect(new Date(reset).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    await time.advance(reset - time.clock.now());
    await expect(limiter.acquire('k')).resolves.toBeDefined();
  });

  it('rejects waiters already queued when the daily budget runs out', async () => {
    const { time, limiter } = setup({ max: 2, intervalMs: 1_000 });
    const first = await limiter.acquire('k');
    const queued = limiter.acquire('k').then(
      () => 'granted',
      (error: unknown) => error,
    );
    first.release({ remaining: 1, max: 2, intervalMs: 1_000, dailyRemaining: 0 });
    await time.advance(10);
    expect(await queued).toBeInstanceOf(DailyBudgetSpent);
  });

  it('pause() holds every caller of the bucket', async () => {
    const { time, limiter } = setup();
    limiter.pause('k', 3_000);
    let isGranted = false;
    void limiter.acquire('k').then(() => (isGranted = true));
    await time.advance(2_999);
    expect(isGranted).toBe(false);
    await time.advance(1);
    expect(isGranted).toBe(true);
  });

  it('keeps buckets independent', async () => {
    const { limiter } = setup({ max: 2, intervalMs: 1_000 });
    await limiter.acquire('a');
    const { granted } = startMany(limiter, 'b', 1);
    await flushMicrotasks();
    expect(granted).toHaveLength(1);
  });

  it('drops a waiter whose signal aborts', async () => {
    const { time, limiter } = setup({ max: 2, intervalMs: 1_000 });
    const first = await limiter.acquire('k');
    const controller = new AbortController();
    const waiting = limiter.acquire('k', controller.signal).then(
      () => 'granted',
      (error: unknown) => error,
    );
    controller.abort(new Error('stop'));
    expect(await waiting).toEqual(new Error('stop'));
    first.release(noInfo);
    await time.advance(1_000);
    expect(limiter.state('k')?.queued).toBe(0);
    expect(limiter.state('k')?.inFlight).toBe(0);
  });
});
