import type { OAuthClientSettings } from './oauth-client-settings';
import { oauthRequest, type OAuthDeps } from './oauth-request';
import { toAgencyTokens, tokenResponseSchema, type AgencyTokens } from './oauth-schemas';

/**
 * `POST /oauth/token` with `grant_type=authorization_code` and `user_type=Company`
 * (form-encoded): the agency's access and refresh tokens. Not retried (a code works once).
 * Throws OAuthRefusedError (bad or used code, wrong client) or OAuthUnavailableError.
 */
export async function exchangeAuthorizationCode(
  deps: OAuthDeps,
  settings: OAuthClientSettings,
  code: string,
  now: Date = new Date(),
): Promise<AgencyTokens> {
  const body = await oauthRequest(deps, {
    endpoint: 'POST /oauth/token (authorization_code)',
    method: 'POST',
    path: '/oauth/token',
    form: {
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      grant_type: 'authorization_code',
      code,
      user_type: 'Company',
      redirect_uri: settings.redirectUrl,
    },
    schema: tokenResponseSchema,
    isIdempotent: false,
    secrets: [settings.clientSecret, code],
  });
  return toAgencyTokens(body, now);
}
