import { OAUTH_SCOPES, type OAuthClientSettings } from './oauth-client-settings';

/**
 * The authorize page URL an admin is sent to (GHL docs, "Get the app's Authorization Page URL"):
 * `response_type=code`, the client id, the redirect URL, the scopes and the CSRF `state`.
 */
export function buildAuthorizeUrl(settings: OAuthClientSettings, state: string): string {
  const url = new URL(settings.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', settings.redirectUrl);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('scope', OAUTH_SCOPES.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}
