import { GhlBadPayloadError } from './errors';
import type { CredentialResolver, LocationCredential } from './credentials';
import { tokenFingerprint } from '@/lib/redact';
import type { Transport } from './transport';
import type { CallContext } from './types';

/** What every endpoint module needs from the client. */
export type EndpointDeps = { transport: Transport; credentials: CredentialResolver };

/** The `Version` header of every endpoint used here (isolated per endpoint module). */
export const VERSION_2021_07_28 = '2021-07-28';

/** Limiter bucket of a token on a resource: `location:<id>` or `company:<id>`. */
export function bucketKey(
  fingerprint: string,
  resource: `location:${string}` | `company:${string}`,
): string {
  return `${fingerprint}|${resource}`;
}

/**
 * Context for company-level calls made with the agency token (`/locations/*`): they share the
 * company bucket of that token. `locationId` names the location the call is about, if any.
 */
export function companyContext(
  deps: EndpointDeps,
  endpoint: string,
  locationId: string | null,
): CallContext {
  const token = deps.credentials.agencyToken;
  const fingerprint = tokenFingerprint(token);
  return {
    endpoint,
    locationId,
    token,
    tokenKind: 'agency',
    tokenFingerprint: fingerprint,
    bucketKey: bucketKey(fingerprint, `company:${deps.credentials.companyId}`),
  };
}

/** Context for a location-level call: the resolver's token and the (token, location) bucket. */
export async function locationContext(
  deps: EndpointDeps,
  endpoint: string,
  locationId: string,
): Promise<CallContext> {
  return contextFor(await deps.credentials.tokenForLocation(locationId), endpoint, locationId);
}

function contextFor(
  credential: LocationCredential,
  endpoint: string,
  locationId: string,
): CallContext {
  const { token, kind, renew } = credential;
  const fingerprint = tokenFingerprint(token);
  return {
    endpoint,
    locationId,
    token,
    tokenKind: kind,
    tokenFingerprint: fingerprint,
    // GHL's budget is per app and location: every OAuth token of a location shares one bucket.
    bucketKey: bucketKey(kind === 'oauth' ? 'oauth' : fingerprint, `location:${locationId}`),
    ...(renew ? { renew: async () => contextFor(await renew(), endpoint, locationId) } : {}),
  };
}

/** The error for a page whose `next` cursor equals the one it was fetched with. */
export function stuckCursorError(
  ctx: CallContext | null,
  endpoint: string,
  traceId: string | null,
  cursor: unknown,
): GhlBadPayloadError {
  return new GhlBadPayloadError({
    endpoint,
    locationId: ctx?.locationId ?? null,
    status: null,
    ghlMessage: null,
    traceId,
    tokenKind: ctx?.tokenKind ?? null,
    tokenFingerprint: ctx?.tokenFingerprint ?? null,
    recordId: null,
    fieldPath: '(cursor)',
    problem:
      `the paging cursor did not advance (${JSON.stringify(cursor)}); ` +
      'stopped to avoid an endless loop',
  });
}
