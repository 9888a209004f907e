import type { Caller } from '../routes/types';
import type { World } from '../world/world';
import type { OAuthServer } from './oauth-server';

/**
 * The caller behind an OAuth bearer token: a live location token reads its location (`via:
 * 'oauth'`, what `marketplace` mode requires), a live agency token acts as the agency. Null for
 * anything else, which `identify` (sim/auth.ts) then judges as a PIT.
 */
export function identifyOAuth(
  oauth: OAuthServer,
  world: World,
  authorization: string | undefined,
): Caller | null {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  const locationId = oauth.locationOf(token);
  const location = locationId ? world.location(locationId) : undefined;
  if (location) return { kind: 'location', token, location, via: 'oauth' };
  if (oauth.isAgencyToken(token)) return { kind: 'agency', token };
  return null;
}
