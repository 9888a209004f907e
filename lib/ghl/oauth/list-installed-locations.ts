import { VERSION_2021_07_28 } from '../context';
import { oauthRequest, type OAuthDeps } from './oauth-request';
import { installedLocationsResponseSchema } from './oauth-schemas';

export type InstalledLocation = { id: string; name: string; isInstalled: boolean };

const PAGE = 100;

/** A Marketplace client id is `<appId>-<suffix>`; installedLocations wants the app id. */
export function appIdOf(clientId: string): string {
  return clientId.split('-')[0] || clientId;
}

/**
 * `GET /oauth/installedLocations` with the agency access token: where the app is installed
 * (every page, `skip`/`limit`). `appId` is the Marketplace app's id (the client id's prefix at
 * GHL; the caller passes what it knows).
 */
export async function listInstalledLocations(
  deps: OAuthDeps,
  agencyAccessToken: string,
  companyId: string,
  appId: string,
): Promise<InstalledLocation[]> {
  const all: InstalledLocation[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const body = await oauthRequest(deps, {
      endpoint: 'GET /oauth/installedLocations',
      method: 'GET',
      path: '/oauth/installedLocations',
      query: { companyId, appId, skip: String(skip), limit: String(PAGE), isInstalled: 'true' },
      bearer: agencyAccessToken,
      version: VERSION_2021_07_28,
      schema: installedLocationsResponseSchema,
      isIdempotent: true,
      secrets: [],
    });
    for (const l of body.locations)
      all.push({ id: l._id, name: l.name, isInstalled: l.isInstalled ?? true });
    if (body.locations.length < PAGE) return all;
  }
}
