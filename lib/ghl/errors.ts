import { redactSecrets } from '@/lib/redact';
import type { TokenKind } from './types';

/** Stable machine-readable reason of a GhlError. */
export type GhlErrorCode =
  | 'token_invalid'
  | 'scope_missing'
  | 'location_forbidden'
  | 'budget_exhausted'
  | 'upstream_unavailable'
  | 'bad_payload'
  | 'request_rejected';

/** Context every GhlError carries. Never contains a token. */
export type GhlErrorInit = {
  endpoint: string;
  locationId: string | null;
  status: number | null;
  /** GHL's own message (string, or a string[] joined with "; "), already redacted. */
  ghlMessage: string | null;
  traceId: string | null;
  tokenKind?: TokenKind | null;
  tokenFingerprint?: string | null;
};

function where(init: GhlErrorInit): string {
  const place = init.locationId ? `location ${init.locationId}` : 'the agency (company-level call)';
  return `${init.endpoint} for ${place}`;
}

function detail(init: GhlErrorInit): string {
  const parts: string[] = [];
  if (init.status !== null) parts.push(`HTTP ${init.status}`);
  if (init.ghlMessage) parts.push(`GHL said "${init.ghlMessage}"`);
  if (init.traceId) parts.push(`traceId ${init.traceId}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function tokenLabel(init: GhlErrorInit): string {
  return init.tokenKind ? `${init.tokenKind} token` : 'token';
}

/** Base class of every error thrown by lib/ghl. */
export abstract class GhlError extends Error {
  abstract readonly code: GhlErrorCode;
  /** True when the same call may succeed later without anyone changing credentials or code. */
  abstract readonly isRetryable: boolean;
  readonly endpoint: string;
  readonly locationId: string | null;
  readonly status: number | null;
  readonly ghlMessage: string | null;
  readonly traceId: string | null;
  readonly tokenKind: TokenKind | null;
  readonly tokenFingerprint: string | null;

  protected constructor(message: string, init: GhlErrorInit) {
    // Redact once more as a safety net: messages must never carry a credential.
    super(redactSecrets(message));
    this.name = new.target.name;
    this.endpoint = init.endpoint;
    this.locationId = init.locationId;
    this.status = init.status;
    this.ghlMessage = init.ghlMessage === null ? null : redactSecrets(init.ghlMessage);
    this.traceId = init.traceId;
    this.tokenKind = init.tokenKind ?? null;
    this.tokenFingerprint = init.tokenFingerprint ?? null;
  }
}

/** 401 other than a scope problem: the token is wrong, expired or revoked. Not retried. */
export class GhlTokenInvalidError extends GhlError {
  readonly code = 'token_invalid';
  readonly isRetryable = false;
  constructor(init: GhlErrorInit) {
    super(
      `GHL rejected the ${tokenLabel(init)} on ${where(init)}: the token is invalid or revoked` +
        `${detail(init)}. Replace the token; the call was not retried.`,
      init,
    );
  }
}

/** 401 "The token is not authorized for this scope.": the token lacks a scope. Not retried. */
export class GhlScopeMissingError extends GhlError {
  readonly code = 'scope_missing';
  readonly isRetryable = false;
  constructor(init: GhlErrorInit) {
    super(
      `The ${tokenLabel(init)} lacks the scope needed for ${where(init)}${detail(init)}. ` +
        'Add the scope to the token (or use a sub-account token); the call was not retried.',
      init,
    );
  }
}

/** 403, or 401 "This location is not accessible from this token.". Not retried. */
export class GhlLocationForbiddenError extends GhlError {
  readonly code = 'location_forbidden';
  readonly isRetryable = false;
  constructor(init: GhlErrorInit) {
    super(
      `The ${tokenLabel(init)} may not access ${where(init)}${detail(init)}. ` +
        'Use a token issued for this location; the call was not retried.',
      init,
    );
  }
}

/** `X-RateLimit-Daily-Remaining` reached 0: no more calls on this bucket until `resetAt`. */
export class GhlBudgetExhaustedError extends GhlError {
  readonly code = 'budget_exhausted';
  readonly isRetryable = true;
  /** When the client will try this bucket again (ISO): the 429's Retry-After, else next UTC midnight. */
  readonly resetAt: string;
  constructor(init: GhlErrorInit & { resetAt: string }) {
    super(
      `The daily GHL API budget is used up for ${where(init)}${detail(init)}; ` +
        `no further calls are made on this token and resource until ${init.resetAt}.`,
      init,
    );
    this.resetAt = init.resetAt;
  }
}

/** 5xx, network errors, timeouts or 429 that persisted through every retry. */
export class GhlUpstreamUnavailableError extends GhlError {
  readonly code = 'upstream_unavailable';
  readonly isRetryable = true;
  readonly attempts: number;
  constructor(init: GhlErrorInit & { attempts: number; reason: string }) {
    super(
      `GHL was unavailable for ${where(init)} after ${init.attempts} attempt(s): ` +
        `${init.reason}${detail(init)}.`,
      init,
    );
    this.attempts = init.attempts;
  }
}

/** A response (or one record in it) that does not fit the schema the metrics rely on. */
export class GhlBadPayloadError extends GhlError {
  readonly code = 'bad_payload';
  readonly isRetryable = false;
  /** id / _id of the offending record, or null when the envelope itself is malformed. */
  readonly recordId: string | null;
  /** Field path inside the record (or the envelope), e.g. `monetaryValue` or `meta.startAfterId`. */
  readonly fieldPath: string;
  readonly problem: string;
  constructor(
    init: GhlErrorInit & { recordId: string | null; fieldPath: string; problem: string },
  ) {
    const what = init.recordId ? `record ${init.recordId}` : 'the response envelope';
    super(
      `GHL returned a malformed payload from ${where(init)}: ${what}, field "${init.fieldPath}": ` +
        `${init.problem}${detail(init)}.`,
      init,
    );
    this.recordId = init.recordId;
    this.fieldPath = init.fieldPath;
    this.problem = init.problem;
  }
}

/** Any other 4xx (400, 404, 422 …): the request itself was refused. Not retried. */
export class GhlRequestRejectedError extends GhlError {
  readonly code = 'request_rejected';
  readonly isRetryable = false;
  constructor(init: GhlErrorInit) {
    super(`GHL refused the request ${where(init)}${detail(init)}; the call was not retried.`, init);
  }
}

/** Narrows an unknown thrown value to a GhlError. */
export function isGhlError(value: unknown): value is GhlError {
  return value instanceof GhlError;
}
