import { VERSION_2021_07_28 } from '../context';
import { oauthRequest, type OAuthDeps } from './oauth-request';
import { locationTokenResponseSchema } from './oauth-schemas';

/** A location access token and when it expires. */
export type LocationAccessToken = { accessToken: string; expiresAt: Date };

/**
 * `POST /oauth/locationToken` (form: companyId, locationId; Version 2021-07-28) with the agency
 * access token: a token that reads one sub-account (~24 h at GHL). Throws
 * OAuthLocationInactiveError on 400 "Location is not active", OAuthRefusedError (401: the agency
 * token expired or was revoked — refresh and try once more), OAuthUnavailableError.
 */
export async function mintLocationToken(
  deps: OAuthDeps,
  agencyAccessToken: string,
  companyId: string,
  locationId: string,
  now: Date = new Date(),
): Promise<LocationAccessToken> {
  const body = await oauthRequest(deps, {
    endpoint: 'POST /oauth/locationToken',
    method: 'POST',
    path: '/oauth/locationToken',
    form: { companyId, locationId },
    bearer: agencyAccessToken,
    version: VERSION_2021_07_28,
    schema: locationTokenResponseSchema,
    isIdempotent: true,
    secrets: [],
    locationId,
  });
  return {
    accessToken: body.access_token,
    expiresAt: new Date(now.getTime() + body.expires_in * 1000),
  };
}
