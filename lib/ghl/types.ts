/**
 * Shared types of the GHL client: pages, cursors, timing hooks and the per-call report.
 * Record types (GhlContact, …) live beside their zod schemas in ./schemas.
 */
import type { z } from 'zod';
import type {
  contactsCursorSchema,
  locationsCursorSchema,
  offsetCursorSchema,
  opportunitiesCursorSchema,
} from './schemas/cursor';

/**
 * Which kind of credential made a call: the agency PIT, the location's own PIT, or an OAuth
 * location token minted from the agency's Marketplace connection.
 */
export type TokenKind = 'agency' | 'location' | 'oauth';

/**
 * One page of a paged endpoint. `next` is the cursor that resumes *after* this page
 * (JSON-serialisable, safe to store as a checkpoint) or null when this was the last page.
 */
export type Page<T, C> = {
  items: T[];
  next: C | null;
  /** How many records the whole read (every page, this filter) holds, when the API says so. */
  total?: number;
};

/** Resume point of `GET /locations/search` (skip/limit paging). */
export type LocationsCursor = z.infer<typeof locationsCursorSchema>;
/** Resume point of `POST /contacts/search`: the `searchAfter` of the last contact seen. */
export type ContactsCursor = z.infer<typeof contactsCursorSchema>;
/** Resume point of `GET /opportunities/search`: `meta.startAfter` + `meta.startAfterId`. */
export type OpportunitiesCursor = z.infer<typeof opportunitiesCursorSchema>;
/** Resume point of the payments lists (limit/offset paging). */
export type OffsetCursor = z.infer<typeof offsetCursorSchema>;

/** Monotonic-enough wall clock in epoch milliseconds; injectable for tests. */
export type Clock = { now(): number };

/** Waits `ms` milliseconds; resolves early (without throwing) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Reported to `onCall` after every HTTP attempt, including retried ones. */
export type GhlCallEvent = {
  /** Endpoint template, e.g. `GET /opportunities/search`. */
  endpoint: string;
  /** Location the call was about, or null for company-level calls (locations search). */
  locationId: string | null;
  /** HTTP status, or null when no response arrived (network error, timeout). */
  status: number | null;
  durationMs: number;
  tokenKind: TokenKind;
  /** Short sha256 prefix of the token (see tokenFingerprint); never the token itself. */
  tokenFingerprint: string;
  rateLimitRemaining: number | null;
  rateLimitMax: number | null;
  dailyRemaining: number | null;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  traceId: string | null;
};

/** Receives one event per HTTP attempt. Exceptions and rejections are swallowed. */
export type OnCall = (event: GhlCallEvent) => void | Promise<void>;

/** Rate-limit facts read from one response's `X-RateLimit-*` headers (null when absent). */
export type RateLimitInfo = {
  remaining: number | null;
  max: number | null;
  intervalMs: number | null;
  dailyRemaining: number | null;
};

/** Who made a call and on whose behalf; used for error context and limiter keys. */
export type CallContext = {
  endpoint: string;
  locationId: string | null;
  token: string;
  tokenKind: TokenKind;
  tokenFingerprint: string;
  /** Limiter bucket key: one per (token, location) or (token, company). */
  bucketKey: string;
  /**
   * For a credential that can be replaced (an OAuth location token): the context with a new
   * token, after GHL rejected this one as invalid (401). The transport tries it once.
   */
  renew?: () => Promise<CallContext>;
};

/** The default clock (Date.now). */
export const systemClock: Clock = { now: () => Date.now() };

/** The default sleep (setTimeout, cleared on abort). */
export const systemSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
