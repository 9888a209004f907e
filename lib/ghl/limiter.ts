import { systemClock, systemSleep, type Clock, type RateLimitInfo, type Sleep } from './types';

/** Options of createRateLimiter. Defaults are GHL's burst budget: 100 requests / 10 s. */
export type RateLimiterOptions = {
  /** Requests per interval before the server tells us otherwise (`X-RateLimit-Max`). */
  max?: number;
  /** Interval length in ms before the server tells us otherwise. */
  intervalMs?: number;
  /** Requests kept in reserve below `max`; default max(1, ceil(2% of max)). */
  safetyMargin?: number;
  clock?: Clock;
  sleep?: Sleep;
  /**
   * When a bucket whose daily budget hit 0 may be tried again, unless a 429 said so in
   * Retry-After; default next UTC midnight (GHL does not document its day boundary).
   */
  dailyResetAt?: (now: number) => number;
};

/** Thrown by acquire() while a bucket's daily budget is spent (callers wrap it with context). */
export class DailyBudgetSpent extends Error {
  constructor(readonly resetAt: number) {
    super('daily budget spent');
    this.name = 'DailyBudgetSpent';
  }
}

/** A granted slot; release it exactly once with what the response said. */
export type Permit = {
  /**
   * Ends the slot. `info` are the response's X-RateLimit-* values, `isRateLimited` marks a 429 and
   * `retryAfterMs` its Retry-After (used as the daily reset when the daily budget is spent).
   */
  release(info: RateLimitInfo | null, isRateLimited?: boolean, retryAfterMs?: number | null): void;
};

/** Read-only view of one bucket, for tests, benches and health pages. */
export type BucketState = {
  max: number;
  intervalMs: number;
  inWindow: number;
  inFlight: number;
  queued: number;
  pausedUntil: number;
  dailyRemaining: number | null;
  /** Epoch ms until which acquire() fails with DailyBudgetSpent, or null. */
  dailyResetAt: number | null;
};

/** Per-key sliding-window limiter shared by every call of one client. */
export type RateLimiter = {
  /** Waits for a slot in bucket `key`; rejects with DailyBudgetSpent or the signal's reason. */
  acquire(key: string, signal?: AbortSignal): Promise<Permit>;
  /** Holds every caller of `key` back for `ms` (after a 429). */
  pause(key: string, ms: number): void;
  state(key: string): BucketState | null;
};

type Waiter = { resolve: (p: Permit) => void; reject: (e: unknown) => void; signal?: AbortSignal };

type Bucket = {
  max: number;
  intervalMs: number;
  /** Ascending times at which finished (or phantom) requests entered the window. */
  done: number[];
  head: number;
  inFlight: number;
  /** Requests ever started on this bucket (a sequence number). */
  started: number;
  /** Phantom entries ever added (a sequence number). */
  phantoms: number;
  pausedUntil: number;
  dailyRemaining: number | null;
  dailySpentUntil: number;
  queue: Waiter[];
  isPumping: boolean;
  wake: (() => void) | null;
};

function nextUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/**
 * Creates a limiter that keeps each bucket under `max` requests per `intervalMs` (minus a
 * safety margin). A request occupies the window from its start until `intervalMs` after it
 * finished, which bounds the server's arrival time whatever the latency. Response headers
 * adjust the bucket: `X-RateLimit-Max`/`-Interval-Milliseconds` replace the budget, an
 * `X-RateLimit-Remaining` lower than our own requests can explain adds phantom entries (the
 * server is trusted), and `X-RateLimit-Daily-Remaining: 0` makes acquire() fail fast until the
 * daily reset.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? systemSleep;
  const dailyResetAt = options.dailyResetAt ?? nextUtcMidnight;
  const buckets = new Map<string, Bucket>();

  const margin = (max: number) => options.safetyMargin ?? Math.max(1, Math.ceil(max * 0.02));
  const effectiveMax = (b: Bucket) => Math.max(1, b.max - margin(b.max));

  function bucketFor(key: string): Bucket {
    let b = buckets.get(key);
    if (!b) {
      b = {
        max: options.max ?? 100,
        intervalMs: options.intervalMs ?? 10_000,
        done: [],
        head: 0,
        inFlight: 0,
        started: 0,
        phantoms: 0,
        pausedUntil: 0,
        dailyRemaining: null,
        dailySpentUntil: 0,
        queue: [],
        isPumping: false,
        wake: null,
      };
      buckets.set(key, b);
    }
    return b;
  }

  function prune(b: Bucket, now: number): void {
    while (b.head < b.done.length && (b.done[b.head] ?? 0) + b.intervalMs <= now) b.head++;
    if (b.head > 256 && b.head * 2 > b.done.length) {
      b.done = b.done.slice(b.head);
      b.head = 0;
    }
  }

  const inWindow = (b: Bucket) => b.inFlight + b.done.length - b.head;

  /** 0 when a request may start now, else how long to wait (Infinity: until a release). */
  function waitMs(b: Bucket, now: number): number {
    if (b.pausedUntil > now) return b.pausedUntil - now;
    if (inWindow(b) < effectiveMax(b)) return 0;
    const oldest = b.done[b.head];
    return oldest === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(1, oldest + b.intervalMs - now);
  }

  /** What the bucket looked like when a request started, to judge its response's headers. */
  type StartView = { inWindow: number; seq: number; phantoms: number };

  function applyInfo(
    b: Bucket,
    info: RateLimitInfo,
    isRateLimited: boolean,
    retryAfterMs: number | null,
    view: StartView,
    now: number,
  ): void {
    if (info.max !== null && info.max > 0) b.max = info.max;
    if (info.intervalMs !== null && info.intervalMs > 0) b.intervalMs = info.intervalMs;
    if (info.dailyRemaining !== null) {
      b.dailyRemaining = info.dailyRemaining;
      if (info.dailyRemaining <= 0) {
        b.dailySpentUntil =
          isRateLimited && retryAfterMs !== null ? now + retryAfterMs : dailyResetAt(now);
      }
    }
    // After a 429 the pause decides; phantoms would hold the bucket a whole interval.
    if (isRateLimited || info.remaining === null) return;
    // The server can have counted at most: what our window held when this request started (it
    // outlives the server's entries), every request started since, and phantoms added since.
    // More means someone else spends this budget (another process, the GHL UI…): trust the
    // server and add phantom entries for the difference.
    const serverCount = b.max - Math.max(0, info.remaining);
    const known = view.inWindow + (b.started - view.seq) + (b.phantoms - view.phantoms);
    prune(b, now);
    const phantoms = Math.min(serverCount - known, b.max - inWindow(b));
    for (let i = 0; i < phantoms; i++) b.done.push(now);
    if (phantoms > 0) b.phantoms += phantoms;
  }

  function makePermit(b: Bucket, view: StartView): Permit {
    let isReleased = false;
    return {
      release(info, isRateLimited = false, retryAfterMs = null) {
        if (isReleased) return;
        isReleased = true;
        const now = clock.now();
        b.inFlight--;
        b.done.push(now);
        if (info) applyInfo(b, info, isRateLimited, retryAfterMs, view, now);
        b.wake?.();
      },
    };
  }

  function rejectAll(b: Bucket, error: unknown): void {
    for (const w of b.queue.splice(0)) w.reject(error);
  }

  async function pump(b: Bucket): Promise<void> {
    if (b.isPumping) return;
    b.isPumping = true;
    try {
      while (b.queue.length > 0) {
        const now = clock.now();
        if (b.dailySpentUntil > now) {
          rejectAll(b, new DailyBudgetSpent(b.dailySpentUntil));
          break;
        }
        prune(b, now);
        const wait = waitMs(b, now);
        if (wait === 0) {
          const w = b.queue.shift();
          if (w && !w.signal?.aborted) {
            b.inFlight++;
            b.started++;
            w.resolve(
              makePermit(b, { inWindow: inWindow(b), seq: b.started, phantoms: b.phantoms }),
            );
          }
          continue;
        }
        const woken = new AbortController();
        b.wake = () => woken.abort();
        await sleep(Math.min(wait, b.intervalMs), woken.signal);
        b.wake = null;
      }
    } finally {
      b.isPumping = false;
    }
  }

  return {
    acquire(key, signal) {
      const b = bucketFor(key);
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (b.dailySpentUntil > clock.now())
        return Promise.reject(new DailyBudgetSpent(b.dailySpentUntil));
      return new Promise<Permit>((resolve, reject) => {
        const onAbort = () => {
          const i = b.queue.indexOf(waiter);
          if (i >= 0) b.queue.splice(i, 1);
          reject(signal?.reason);
          b.wake?.();
        };
        const waiter: Waiter = {
          resolve: (permit) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(permit);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
          signal,
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        b.queue.push(waiter);
        void pump(b);
      });
    },
    pause(key, ms) {
      const b = bucketFor(key);
      b.pausedUntil = Math.max(b.pausedUntil, clock.now() + Math.max(0, ms));
      b.wake?.();
    },
    state(key) {
      const b = buckets.get(key);
      if (!b) return null;
      prune(b, clock.now());
      return {
        max: b.max,
        intervalMs: b.intervalMs,
        inWindow: inWindow(b),
        inFlight: b.inFlight,
        queued: b.queue.length,
        pausedUntil: b.pausedUntil,
        dailyRemaining: b.dailyRemaining,
        dailyResetAt: b.dailySpentUntil > 0 ? b.dailySpentUntil : null,
      };
    },
  };
}
