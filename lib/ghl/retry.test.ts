import { describe, expect, it } from 'vitest';
import {
  defaultRetryPolicy,
  fullJitterDelay,
  isRetryableFailure,
  parseRetryAfter,
  retryDelay,
} from './retry';

describe('retry policy', () => {
  it('retries only 429, 5xx, network errors and timeouts', () => {
    expect(
      ['rate_limited', 'server', 'network', 'timeout'].every((k) => isRetryableFailure(k as never)),
    ).toBe(true);
    for (const k of [
      'token_invalid',
      'scope_missing',
      'location_forbidden',
      'rejected',
      'bad_payload',
    ] as const) {
      expect(isRetryableFailure(k)).toBe(false);
    }
  });

  it('full jitter stays within [0, min(cap, base·2^(n-1)))', () => {
    expect(fullJitterDelay(1, 500, 10_000, () => 0.999)).toBe(499);
    expect(fullJitterDelay(3, 500, 10_000, () => 0.5)).toBe(1_000);
    expect(fullJitterDelay(10, 500, 10_000, () => 0.999_99)).toBe(9_999);
    expect(fullJitterDelay(4, 500, 10_000, () => 0)).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('prefers Retry-After, gives up past the caps', () => {
    const base = {
      retryAfterMs: null,
      capMs: 10_000,
      policy: defaultRetryPolicy,
      random: () => 0.5,
    };
    expect(retryDelay({ ...base, kind: 'rate_limited', retry: 1, retryAfterMs: 4_000 })).toBe(
      4_000,
    );
    expect(
      retryDelay({ ...base, kind: 'rate_limited', retry: 1, retryAfterMs: 120_000 }),
    ).toBeNull();
    expect(retryDelay({ ...base, kind: 'rate_limited', retry: 9 })).toBeNull();
    expect(retryDelay({ ...base, kind: 'server', retry: 4 })).toBe(2_000);
    expect(retryDelay({ ...base, kind: 'server', retry: 5 })).toBeNull();
    expect(retryDelay({ ...base, kind: 'token_invalid', retry: 1 })).toBeNull();
  });
});
