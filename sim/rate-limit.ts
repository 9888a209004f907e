/**
 * GHL's budget per (token, resource): `max` requests per sliding `intervalMs` window and `daily`
 * per day window. A sliding log is stricter than a fixed window, so a client that passes here
 * cannot be relying on window alignment.
 */

export type RateLimitConfig = {
  /** Requests per interval (real: 100). */
  max: number;
  /** Interval length in ms (real: 10,000). Shorten for fast tests. */
  intervalMs: number;
  /** Requests per day window (real: 200,000). */
  daily: number;
  /** Length of the "day" (default 86,400,000). */
  dailyWindowMs?: number;
};

export const REAL_RATE_LIMIT: RateLimitConfig = { max: 100, intervalMs: 10_000, daily: 200_000 };

type Bucket = { times: number[]; head: number; dayStart: number; dayCount: number };

export type RateDecision = {
  allowed: boolean;
  reason?: 'burst' | 'daily';
  /** Seconds until a retry can succeed. */
  retryAfterSec: number;
  headers: Record<string, string>;
};

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly config: () => RateLimitConfig) {}

  /** Counts the request if it is allowed. `exhausted` forces the daily budget to zero. */
  check(token: string, resource: string, nowMs: number, exhausted: boolean): RateDecision {
    const { max, intervalMs, daily, dailyWindowMs = 86_400_000 } = this.config();
    const key = `${token}\u0000${resource}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { times: [], head: 0, dayStart: nowMs, dayCount: 0 };
      this.buckets.set(key, bucket);
    }
    if (nowMs - bucket.dayStart >= dailyWindowMs) {
      bucket.dayStart = nowMs;
      bucket.dayCount = 0;
    }
    while (
      bucket.head < bucket.times.length &&
      (bucket.times[bucket.head] as number) <= nowMs - intervalMs
    )
      bucket.head++;
    if (bucket.head > 1_024) {
      bucket.times = bucket.times.slice(bucket.head);
      bucket.head = 0;
    }
    const inWindow = bucket.times.length - bucket.head;
    const dailyLeft = exhausted ? 0 : Math.max(0, daily - bucket.dayCount);
    const headers = (remaining: number, dailyRemaining: number): Record<string, string> => ({
      'X-RateLimit-Limit-Daily': String(daily),
      'X-RateLimit-Daily-Remaining': String(dailyRemaining),
      'X-RateLimit-Interval-Milliseconds': String(intervalMs),
      'X-RateLimit-Max': String(max),
      'X-RateLimit-Remaining': String(remaining),
    });
    if (dailyLeft <= 0) {
      const retryAfterSec = Math.max(
        1,
        Math.ceil((bucket.dayStart + dailyWindowMs - nowMs) / 1000),
      );
      return {
        allowed: false,
        reason: 'daily',
        retryAfterSec,
        headers: headers(Math.max(0, max - inWindow), 0),
      };
    }
    if (inWindow >= max) {
      const oldest = bucket.times[bucket.head] as number;
      const retryAfterSec = Math.max(1, Math.ceil((oldest + intervalMs - nowMs) / 1000));
      return { allowed: false, reason: 'burst', retryAfterSec, headers: headers(0, dailyLeft) };
    }
    bucket.times.push(nowMs);
    bucket.dayCount++;
    return { allowed: true, retryAfterSec: 0, headers: headers(max - inWindow - 1, dailyLeft - 1) };
  }

  reset(): void {
    this.buckets.clear();
  }
}
