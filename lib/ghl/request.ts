import {
  GhlBadPayloadError,
  GhlLocationForbiddenError,
  GhlRequestRejectedError,
  GhlScopeMissingError,
  GhlTokenInvalidError,
  GhlUpstreamUnavailableError,
  type GhlError,
  type GhlErrorInit,
} from './errors';
import type { HttpFetch, HttpResponse } from './http';
import { redactSecrets } from '@/lib/redact';
import { parseRetryAfter, type FailureKind } from './retry';
import type { CallContext, Clock, RateLimitInfo } from './types';

/** One GHL HTTP request, described with only the documented parameters. */
export type GhlRequest = {
  method: 'GET' | 'POST';
  /** Path below the base URL, already filled in (e.g. `/locations/abc`). */
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body (POST only). */
  body?: unknown;
  /** The `Version` header this endpoint is documented with. */
  version: string;
};

/** Outcome of one attempt. Never throws for HTTP or network failures. */
export type AttemptResult = {
  status: number | null;
  durationMs: number;
  rate: RateLimitInfo;
  traceId: string | null;
  /** Parsed JSON body of a 2xx response. */
  body: unknown;
  /** Null on success. */
  failure: FailureKind | null;
  ghlMessage: string | null;
  retryAfterMs: number | null;
  /** Human description of a network/timeout failure or unparsable body (redacted). */
  reason: string | null;
};

export type SendDeps = { baseUrl: string; fetch: HttpFetch; clock: Clock; timeoutMs: number };

const SCOPE_MESSAGE = /not authorized for this scope|not yet supported by the IAM service/i;
const LOCATION_MESSAGE = /location is not accessible|does not have access to this location/i;

function headerNumber(headers: HttpResponse['headers'], name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Reads the documented `X-RateLimit-*` headers (absent or unparsable → null). */
export function readRateLimitHeaders(headers: HttpResponse['headers']): RateLimitInfo {
  return {
    remaining: headerNumber(headers, 'x-ratelimit-remaining'),
    max: headerNumber(headers, 'x-ratelimit-max'),
    intervalMs: headerNumber(headers, 'x-ratelimit-interval-milliseconds'),
    dailyRemaining: headerNumber(headers, 'x-ratelimit-daily-remaining'),
  };
}

/** GHL error bodies: `{ statusCode ?? status, message: string | string[], traceId? }`. */
export function readErrorBody(body: unknown): { message: string | null; traceId: string | null } {
  if (typeof body !== 'object' || body === null) return { message: null, traceId: null };
  const record = body as Record<string, unknown>;
  const raw = record.message ?? record.error;
  const message = Array.isArray(raw)
    ? raw.map(String).join('; ')
    : typeof raw === 'string'
      ? raw
      : null;
  const traceId = typeof record.traceId === 'string' ? record.traceId : null;
  return { message, traceId };
}

/** Maps an HTTP status (and GHL's message) to a failure kind; null for 2xx. */
export function classifyStatus(status: number, message: string | null): FailureKind | null {
  if (status >= 200 && status < 300) return null;
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  if (status === 401) {
    if (message && SCOPE_MESSAGE.test(message)) return 'scope_missing';
    if (message && LOCATION_MESSAGE.test(message)) return 'location_forbidden';
    return 'token_invalid';
  }
  if (status === 403) return 'location_forbidden';
  if (status === 408) return 'timeout';
  return 'rejected';
}

function buildUrl(baseUrl: string, req: GhlRequest): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${req.path}`);
  for (const [name, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/**
 * Performs one HTTP call with the GHL headers and reads status, rate-limit headers, traceId and
 * the JSON body. The per-attempt timeout aborts slow calls; an abort of `signal` (the caller's)
 * is rethrown as is. Tokens never reach the returned strings.
 */
export async function sendOnce(
  deps: SendDeps,
  ctx: CallContext,
  req: GhlRequest,
  signal?: AbortSignal,
): Promise<AttemptResult> {
  const started = deps.clock.now();
  const headers: Record<string, string> = {
    Authorization: `Bearer ${ctx.token}`,
    Version: req.version,
    Accept: 'application/json',
  };
  if (req.method === 'POST') headers['Content-Type'] = 'application/json';
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const result = (partial: Partial<AttemptResult>): AttemptResult => ({
    status: null,
    durationMs: deps.clock.now() - started,
    rate: { remaining: null, max: null, intervalMs: null, dailyRemaining: null },
    traceId: null,
    body: null,
    failure: null,
    ghlMessage: null,
    retryAfterMs: null,
    reason: null,
    ...partial,
  });

  let status: number;
  let text: string;
  let responseHeaders: HttpResponse['headers'];
  try {
    const response = await deps.fetch(buildUrl(deps.baseUrl, req), {
      method: req.method,
      headers,
      body: req.method === 'POST' ? JSON.stringify(req.body ?? {}) : undefined,
      signal: combined,
    });
    status = response.status;
    responseHeaders = response.headers;
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const isTimeout = timeout.aborted;
    const cause = error instanceof Error ? `${error.message}${causeText(error)}` : String(error);
    return result({
      failure: isTimeout ? 'timeout' : 'network',
      reason: isTimeout
        ? `no response within ${deps.timeoutMs} ms`
        : `network error: ${redactSecrets(cause, [ctx.token])}`,
    });
  }

  const rate = readRateLimitHeaders(responseHeaders);
  let body: unknown = null;
  let isJson = true;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    isJson = false;
  }
  const info = readErrorBody(body);
  const traceId = info.traceId ?? responseHeaders.get('x-trace-id');
  const ghlMessage = info.message === null ? null : redactSecrets(info.message, [ctx.token]);
  const failure = classifyStatus(status, info.message);
  if (failure === null && (!isJson || body === null)) {
    return result({
      status,
      rate,
      traceId,
      failure: 'bad_payload',
      reason: 'the body is not JSON',
    });
  }
  const snippet =
    !isJson && failure !== null ? redactSecrets(text.slice(0, 200), [ctx.token]) : null;
  return result({
    status,
    rate,
    traceId,
    body: failure === null ? body : null,
    failure,
    ghlMessage: ghlMessage ?? snippet,
    retryAfterMs: parseRetryAfter(responseHeaders.get('retry-after'), deps.clock.now()),
  });
}

function causeText(error: Error): string {
  const cause: unknown = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}

/** Turns a failed attempt into the typed error callers see. */
export function toGhlError(ctx: CallContext, result: AttemptResult, attempts: number): GhlError {
  const init: GhlErrorInit = {
    endpoint: ctx.endpoint,
    locationId: ctx.locationId,
    status: result.status,
    ghlMessage: result.ghlMessage,
    traceId: result.traceId,
    tokenKind: ctx.tokenKind,
    tokenFingerprint: ctx.tokenFingerprint,
  };
  switch (result.failure) {
    case 'token_invalid':
      return new GhlTokenInvalidError(init);
    case 'scope_missing':
      return new GhlScopeMissingError(init);
    case 'location_forbidden':
      return new GhlLocationForbiddenError(init);
    case 'rejected':
      return new GhlRequestRejectedError(init);
    case 'bad_payload':
      return new GhlBadPayloadError({
        ...init,
        recordId: null,
        fieldPath: '(body)',
        problem: result.reason ?? 'unreadable body',
      });
    default: {
      const reason =
        result.failure === 'rate_limited'
          ? 'still rate limited (429)'
          : result.failure === 'server'
            ? 'server error'
            : (result.reason ?? 'no response');
      return new GhlUpstreamUnavailableError({ ...init, attempts, reason });
    }
  }
}
