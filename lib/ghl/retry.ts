/** How hard the client tries before giving up on one call. */
export type RetryPolicy = {
  /** Retries after 5xx, network errors and timeouts. */
  maxRetries: number;
  /** Retries after 429 (rate limited). */
  maxRateLimitRetries: number;
  /** First backoff step; doubles per retry. */
  baseDelayMs: number;
  /** Cap of the backoff for 5xx/network; 429 backoff is capped by the rate interval instead. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails as unavailable. */
  maxRetryAfterMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 4,
  maxRateLimitRetries: 8,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** What went wrong in one attempt, as far as retrying is concerned. */
export type FailureKind =
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'token_invalid'
  | 'scope_missing'
  | 'location_forbidden'
  | 'rejected'
  | 'bad_payload';

/** True for failures worth another attempt (429, 5xx, network errors, timeouts). */
export function isRetryableFailure(kind: FailureKind): boolean {
  return kind === 'rate_limited' || kind === 'server' || kind === 'network' || kind === 'timeout';
}

/**
 * "Full jitter" exponential backoff: a uniform random delay in [0, min(cap, base · 2^(retry-1))].
 * `retry` counts from 1; `random` returns [0, 1) (injectable for tests).
 */
export function fullJitterDelay(
  retry: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Parses a `Retry-After` header (delta seconds or an HTTP date) into milliseconds from `now`.
 * Returns null when absent or unparsable.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Decides the wait before retry number `retry` (1-based) of a retryable failure.
 * `Retry-After` wins when present; otherwise full jitter, capped by `capMs`.
 * Returns null when the policy says to give up.
 */
export function retryDelay(args: {
  kind: FailureKind;
  retry: number;
  retryAfterMs: number | null;
  capMs: number;
  policy: RetryPolicy;
  random: () => number;
}): number | null {
  const { kind, retry, retryAfterMs, capMs, policy, random } = args;
  if (!isRetryableFailure(kind)) return null;
  const limit = kind === 'rate_limited' ? policy.maxRateLimitRetries : policy.maxRetries;
  if (retry > limit) return null;
  if (retryAfterMs !== null) return retryAfterMs > policy.maxRetryAfterMs ? null : retryAfterMs;
  return fullJitterDelay(retry, policy.baseDelayMs, capMs, random);
}
