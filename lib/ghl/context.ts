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
 * company bucket of that token. `locationId` names the location the call is about, if any. The
 * token is the agency PIT, or the resolver's `companyToken` (the OAuth agency token, renewed
 * after a 401) when there is no PIT.
 */
export async function companyContext(
  deps: EndpointDeps,
  endpoint: string,
  locationId: string | null,
): Promise<CallContext> {
  const { agencyToken, companyToken } = deps.credentials;
  if (agencyToken !== null)
    return companyContextFor({ token: agencyToken, kind: 'agency' }, deps, endpoint, locationId);
  if (!companyToken)
    throw new Error(
      'No agency credential: set GHL_API_TOKEN or connect the GHL Marketplace app (Settings → Connect GoHighLevel).',
    );
  return companyContextFor(await companyToken(), deps, endpoint, locationId);
}

function companyContextFor(
  credential: LocationCredential,
  deps: EndpointDeps,
  endpoint: string,
  locationId: string | null,
): CallContext {
  const { token, renew } = credential;
  // GHL's budget is per app and resource: the OAuth agency token's refreshes share one bucket.
  const fingerprint = tokenFingerprint(token);
  return {
    endpoint,
    locationId,
    token,
    tokenKind: 'agency',
    tokenFingerprint: fingerprint,
    bucketKey: bucketKey(renew ? 'oauth' : fingerprint, `company:${deps.credentials.companyId}`),
    ...(renew
      ? { renew: async () => companyContextFor(await renew(), deps, endpoint, locationId) }
      : {}),
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
