import { INVALID_JWT, NO_LOCATION_ACCESS, SCOPE_MISSING, forbidden, unauthorized } from './errors';
import type { Faults, ScopeEntity } from './faults';
import type { Caller } from './routes/types';
import type { SimLocation } from './world/types';
import type { World } from './world/world';

/**
 * `seed`: the agency PIT reads every location's data (handy for seeding and demos).
 * `strict`: what GHL really does — an agency PIT has no contacts/opportunities/payments scopes,
 * so only each location's own PIT reads that location's data.
 * `marketplace`: location data only through OAuth location tokens (POST /oauth/locationToken,
 * sim/oauth/); every PIT is refused there.
 */
export type AccessMode = 'seed' | 'strict' | 'marketplace';

/** Resolves the bearer token, or throws 401 "Invalid JWT" (unknown, missing or revoked). */
export function identify(world: World, faults: Faults, authorization: string | undefined): Caller {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  if (!token) throw unauthorized(INVALID_JWT);
  if (token === world.agencyToken) {
    if (faults.revokedAgencyToken) throw unauthorized(INVALID_JWT);
    return { kind: 'agency', token };
  }
  const location = world.locationByToken(token);
  if (!location || faults.revokedLocationTokens.includes(location.id))
    throw unauthorized(INVALID_JWT);
  return { kind: 'location', token, location };
}

/** Checks that `caller` may read `scope` data of `locationId`; returns the location or throws. */
export function authorize(
  world: World,
  mode: AccessMode,
  faults: Faults,
  caller: Caller,
  scope: ScopeEntity,
  locationId: string | undefined,
): SimLocation {
  if (caller.kind === 'agency' && mode === 'strict' && scope !== 'locations')
    throw unauthorized(SCOPE_MISSING);
  const isOAuthLocation = caller.kind === 'location' && caller.via === 'oauth';
  if (mode === 'marketplace' && scope !== 'locations' && !isOAuthLocation)
    throw unauthorized(SCOPE_MISSING);
  const location = locationId ? world.location(locationId) : undefined;
  if (!location) throw forbidden(NO_LOCATION_ACCESS);
  if (faults.forbiddenLocations.includes(location.id)) throw forbidden(NO_LOCATION_ACCESS);
  if (caller.kind === 'location' && caller.location.id !== location.id)
    throw forbidden(NO_LOCATION_ACCESS);
  if (faults.missingScopes.some((m) => m.locationId === location.id && m.entity === scope)) {
    throw unauthorized(SCOPE_MISSING);
  }
  return location;
}
