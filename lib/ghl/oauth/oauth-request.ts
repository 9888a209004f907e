import type { z } from 'zod';
import { nodeHttpFetch, type HttpFetch } from '../http';
import { readErrorBody } from '../request';
import { systemSleep, type Sleep } from '../types';
import { redactSecrets } from '@/lib/redact';
import {
  OAuthAppNotInstalledError,
  OAuthLocationInactiveError,
  OAuthRefusedError,
  OAuthUnavailableError,
  type OAuthErrorInit,
} from './oauth-errors';

/** What every OAuth call needs: GHL's base URL and, for tests, the HTTP function. */
export type OAuthDeps = {
  /** e.g. https://services.leadconnectorhq.com (GHL_API_BASE_URL). */
  baseUrl: string;
  fetch?: HttpFetch;
  /** Per-attempt timeout; default 30 s. */
  timeoutMs?: number;
  sleep?: Sleep;
};

export type OAuthCall<T> = {
  endpoint: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded, as GHL documents for /oauth/*. */
  form?: Record<string, string>;
  bearer?: string;
  /** The Version header, when the endpoint documents one. */
  version?: string;
  schema: z.ZodType<T>;
  /**
   * Retried after 5xx or a network failure when true. A refresh is not: GHL may have rotated the
   * token before the answer was lost, and the old token is then spent.
   */
  isIdempotent: boolean;
  /** Redacted from every message besides the usual token shapes (client secret, tokens sent). */
  secrets: readonly string[];
  /** The location of a locationToken call: its 400 "Location is not active" has its own error. */
  locationId?: string;
};

const INACTIVE = /location is not active/i;
const NOT_INSTALLED = /not installed/i;
const ATTEMPTS = 3;

/**
 * One OAuth call with GHL's form encoding: status, traceId and GHL's words read as the API client
 * does; 400/401/403/422 → OAuthRefusedError (or OAuthLocationInactiveError), 5xx / network /
 * unparsable → OAuthUnavailableError after up to three attempts when idempotent. The parsed,
 * validated body on success.
 */
export async function oauthRequest<T>(deps: OAuthDeps, call: OAuthCall<T>): Promise<T> {
  const fetch = deps.fetch ?? nodeHttpFetch;
  const sleep = deps.sleep ?? systemSleep;
  const url = new URL(`${deps.baseUrl.replace(/\/+$/, '')}${call.path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (call.bearer) headers.Authorization = `Bearer ${call.bearer}`;
  if (call.version) headers.Version = call.version;
  if (call.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const body = call.form ? new URLSearchParams(call.form).toString() : undefined;
  const clean = (text: string) => redactSecrets(text, [...call.secrets, call.bearer]);

  let last: OAuthErrorInit & { reason: string } = {
    endpoint: call.endpoint,
    status: null,
    ghlMessage: null,
    traceId: null,
    reason: 'no attempt',
  };
  for (let attempt = 1; attempt <= (call.isIdempotent ? ATTEMPTS : 1); attempt++) {
    if (attempt > 1) await sleep(250 * 2 ** (attempt - 2));
    let status: number;
    let text: string;
    let traceHeader: string | null;
    try {
      const response = await fetch(url.toString(), {
        method: call.method,
        headers,
        body,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000),
      });
      status = response.status;
      traceHeader = response.headers.get('x-trace-id');
      text = await response.text();
    } catch (error) {
      last = { ...last, reason: clean(`network error: ${(error as Error).message}`) };
      continue;
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    const info = readErrorBody(parsed);
    const init: OAuthErrorInit = {
      endpoint: call.endpoint,
      status,
      ghlMessage: info.message === null ? null : clean(info.message),
      traceId: info.traceId ?? traceHeader,
    };
    if (status >= 200 && status < 300) {
      const result = call.schema.safeParse(parsed);
      if (result.success) return result.data;
      throw new OAuthUnavailableError({
        ...init,
        reason: `the answer is not the documented JSON (${result.error.issues
          .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .slice(0, 3)
          .join('; ')})`,
      });
    }
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      if (call.locationId && status === 400 && INACTIVE.test(info.message ?? ''))
        throw new OAuthLocationInactiveError(call.locationId, init);
      if (call.locationId && status === 400 && NOT_INSTALLED.test(info.message ?? ''))
        throw new OAuthAppNotInstalledError(call.locationId, init);
      throw new OAuthRefusedError(init);
    }
    last = { ...init, reason: status >= 500 ? 'server error' : `HTTP ${status}` };
  }
  throw new OAuthUnavailableError(last);
}
