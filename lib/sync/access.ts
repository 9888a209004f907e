import 'server-only';
import type { Db } from '@/lib/db/client';
import { GhlBadPayloadError, isGhlError, type GhlError } from '@/lib/ghl/errors';
import {
  OAuthAppNotInstalledError,
  OAuthLocationInactiveError,
  OAuthReconnectNeededError,
  OAuthRefusedError,
  OAuthUnavailableError,
} from '@/lib/ghl/oauth/oauth-errors';
import { redactSecrets } from '@/lib/redact';
import type { TokenKind } from '@/lib/ghl/types';
import { TransformError } from './transform';
import type { AccessStatus, SyncEntity } from './types';

/**
 * Turns what went wrong reading one entity of one location into a `location_access` status, the
 * words GHL used; and records it. The fix in plain words is ./access-fix.ts.
 */

/** The classification of a failure; `scope: 'location'` means every entity of the location is affected. */
export type AccessProblem = {
  status: Exclude<AccessStatus, 'ok'> | 'unavailable';
  scope: 'entity' | 'location' | 'run';
  message: string;
  traceId: string | null;
  tokenKind: TokenKind | null;
};

/**
 * Raised when the agency's credential is rejected — the agency PIT, or the Marketplace connection
 * once it needs reconnecting (OAuthReconnectNeededError, whose message says so): the whole run
 * stops (exit code 1), cached data stays.
 */
export class AgencyTokenRevokedError extends Error {
  override name = 'AgencyTokenRevokedError';
  constructor(readonly cause: GhlError | OAuthReconnectNeededError) {
    super(
      cause instanceof OAuthReconnectNeededError
        ? cause.message
        : `GHL rejected the agency token (GHL_API_TOKEN) on ${cause.endpoint}` +
            `${cause.ghlMessage ? `: "${cause.ghlMessage}"` : ''}${cause.traceId ? ` (traceId ${cause.traceId})` : ''}. ` +
            'The sync stopped; cached data is unchanged. Create a new agency Private Integration Token ' +
            '(Agency Settings → Private Integrations, scope locations.readonly) and set GHL_API_TOKEN.',
    );
  }
}

/** True for a 401 token_invalid on a call made with the agency token (the run must stop). */
export function isAgencyTokenRejection(error: unknown): error is GhlError {
  return isGhlError(error) && error.code === 'token_invalid' && error.tokenKind === 'agency';
}

function describeBadRecord(
  locationId: string,
  entity: SyncEntity,
  recordId: string | null,
  field: string,
  problem: string,
): string {
  return `Location ${locationId}, ${entity}: ${recordId ? `record ${recordId}` : 'the response'} has a malformed field "${field}": ${problem}`;
}

/**
 * Classifies an error thrown while syncing `entity` of `locationId`, or returns null when it is not
 * a GHL/data problem (database errors, bugs: the caller rethrows those). An agency token rejected
 * as invalid is `scope: 'run'` (the caller stops everything).
 */
export function classifyError(
  error: unknown,
  locationId: string,
  entity: SyncEntity,
): AccessProblem | null {
  if (error instanceof TransformError) {
    return {
      status: 'error',
      scope: 'entity',
      message: describeBadRecord(
        locationId,
        entity,
        error.recordId,
        error.fieldPath,
        error.problem,
      ),
      traceId: null,
      tokenKind: null,
    };
  }
  const oauth = classifyOAuthError(error, locationId);
  if (oauth) return oauth;
  if (!isGhlError(error)) return null;
  const base = { traceId: error.traceId, tokenKind: error.tokenKind };
  const said = error.ghlMessage ?? error.message;
  switch (error.code) {
    case 'token_invalid':
      return error.tokenKind === 'agency'
        ? { ...base, status: 'token_revoked', scope: 'run', message: said }
        : { ...base, status: 'token_revoked', scope: 'location', message: said };
    case 'scope_missing':
      return { ...base, status: 'scope_missing', scope: 'entity', message: said };
    case 'location_forbidden':
      return { ...base, status: 'forbidden', scope: 'entity', message: said };
    case 'budget_exhausted':
      return { ...base, status: 'budget_exhausted', scope: 'location', message: error.message };
    case 'upstream_unavailable':
      return { ...base, status: 'unavailable', scope: 'entity', message: error.message };
    case 'bad_payload': {
      const bad = error instanceof GhlBadPayloadError ? error : null;
      return {
        ...base,
        status: 'error',
        scope: 'entity',
        message: describeBadRecord(
          locationId,
          entity,
          bad?.recordId ?? null,
          bad?.fieldPath ?? '(unknown)',
          bad?.problem ?? error.message,
        ),
      };
    }
    case 'request_rejected':
      return {
        ...base,
        status: 'error',
        scope: 'entity',
        message: `Location ${locationId}, ${entity}: ${error.message}`,
      };
  }
}

/** Minting a location's OAuth token failed: inactive sub-account, app not installed, GHL down. */
function classifyOAuthError(error: unknown, locationId: string): AccessProblem | null {
  const base = { tokenKind: 'oauth' as const };
  if (error instanceof OAuthLocationInactiveError)
    return {
      ...base,
      status: 'location_inactive',
      scope: 'location',
      message: error.ghlMessage ?? error.message,
      traceId: error.traceId,
    };
  if (error instanceof OAuthAppNotInstalledError)
    return {
      ...base,
      status: 'app_not_installed',
      scope: 'location',
      message: error.message,
      traceId: error.traceId,
    };
  if (error instanceof OAuthRefusedError)
    return {
      ...base,
      status: 'forbidden',
      scope: 'location',
      message: `Location ${locationId}: ${error.message}`,
      traceId: error.traceId,
    };
  if (error instanceof OAuthUnavailableError)
    return {
      ...base,
      status: 'unavailable',
      scope: 'entity',
      message: error.message,
      traceId: error.traceId,
    };
  return null;
}

/** Records that an entity of a location synced fine. */
export async function recordAccessOk(
  db: Db,
  locationId: string,
  entity: SyncEntity,
  tokenKind: TokenKind,
  at: Date,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO location_access (location_id, entity, status, message, trace_id, token_kind, seen_at)
    VALUES (${locationId}, ${entity}, 'ok', NULL, NULL, ${tokenKind}, ${at})
    ON CONFLICT (location_id, entity) DO UPDATE SET
      status = 'ok', message = NULL, trace_id = NULL, token_kind = EXCLUDED.token_kind, seen_at = EXCLUDED.seen_at`;
}

/**
 * Records an access problem with GHL's words, traceId, token kind and time. The words are
 * redacted before they are stored: the tokens in use (and any 12+ character piece of them, as an
 * upstream answer may echo a token without its prefix) and anything token-shaped.
 *
 * @param secrets the tokens the sync used for this location (its own and the agency's)
 */
export async function recordAccessProblem(
  db: Db,
  locationId: string,
  entity: SyncEntity,
  problem: AccessProblem & { status: AccessStatus },
  at: Date,
  fallbackTokenKind: TokenKind,
  secrets: readonly string[] = [],
): Promise<void> {
  const message = redactSecrets(problem.message, secrets).slice(0, 2000);
  await db.$executeRaw`
    INSERT INTO location_access (location_id, entity, status, message, trace_id, token_kind, seen_at)
    VALUES (${locationId}, ${entity}, ${problem.status}, ${message}, ${problem.traceId}, ${problem.tokenKind ?? fallbackTokenKind}, ${at})
    ON CONFLICT (location_id, entity) DO UPDATE SET
      status = EXCLUDED.status, message = EXCLUDED.message, trace_id = EXCLUDED.trace_id,
      token_kind = EXCLUDED.token_kind, seen_at = EXCLUDED.seen_at`;
}
