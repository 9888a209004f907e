import type { OAuthClientSettings } from './oauth-client-settings';
import { oauthRequest, type OAuthDeps } from './oauth-request';
import { toAgencyTokens, tokenResponseSchema, type AgencyTokens } from './oauth-schemas';

/**
 * `POST /oauth/token` with `grant_type=refresh_token`, `user_type=Company`: a new access token
 * and a new refresh token (the one sent is spent: GHL rotates them). Sent once, never retried —
 * a lost answer would leave a spent token behind. The caller must store the new refresh token
 * before using the new access token (lib/oauth/refresh-agency-token.ts).
 */
export async function refreshAccessToken(
  deps: OAuthDeps,
  settings: OAuthClientSettings,
  refreshToken: string,
  now: Date = new Date(),
): Promise<AgencyTokens> {
  const body = await oauthRequest(deps, {
    endpoint: 'POST /oauth/token (refresh_token)',
    method: 'POST',
    path: '/oauth/token',
    form: {
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      user_type: 'Company',
      redirect_uri: settings.redirectUrl,
    },
    schema: tokenResponseSchema,
    isIdempotent: false,
    secrets: [settings.clientSecret, refreshToken],
  });
  return toAgencyTokens(body, now);
}
