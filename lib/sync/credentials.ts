import 'server-only';
import type { Db } from '@/lib/db/client';
import type { CredentialResolver, LocationCredential } from '@/lib/ghl/credentials';
import type { OAuthTokenSource } from '@/lib/oauth/create-oauth-token-source';
import { OAuthAppNotInstalledError, OAuthNotConnectedError } from '@/lib/ghl/oauth/oauth-errors';
import { readLocationToken } from './location-tokens';

export type StoredCredentialOptions = {
  /** The agency PIT; null when the install connects through the Marketplace app only. */
  agencyToken: string | null;
  companyId: string;
  /** APP_ENCRYPTION_KEY; without it stored tokens cannot be used (the agency token is used). */
  key: Buffer | null;
  /** The Marketplace connection's location tokens, when GHL_OAUTH_* is configured. */
  oauth?: OAuthTokenSource | null;
};

/**
 * The credential order per location: its own stored PIT, else an OAuth location token minted
 * from the agency's Marketplace connection (when one is stored and the app is installed on the
 * location), else the agency PIT; with none of them, OAuthNotConnectedError (or
 * OAuthAppNotInstalledError). Company-level calls use the agency PIT, else the connection's
 * agency (Company) access token (`companyToken`). Each
 * location's PIT is decrypted once per resolver (the client asks on every page); OAuth tokens
 * come from the token source, which keeps them until shortly before they expire and renews one
 * GHL rejected. `forget(id)` drops the cached PIT after `location-token set/remove`.
 */
export function createStoredCredentialResolver(
  db: Db,
  options: StoredCredentialOptions,
): CredentialResolver & { forget(locationId?: string): void } {
  const cache = new Map<string, Promise<string | null>>();
  const ownToken = (locationId: string): Promise<string | null> => {
    let pending = cache.get(locationId);
    if (!pending) {
      pending = options.key
        ? readLocationToken(db, locationId, options.key)
        : Promise.resolve(null);
      cache.set(locationId, pending);
      pending.catch(() => cache.delete(locationId));
    }
    return pending;
  };
  const oauthCredential = (source: OAuthTokenSource, locationId: string, token: string) => {
    const credential: LocationCredential = {
      token,
      kind: 'oauth',
      renew: async () =>
        oauthCredential(source, locationId, await source.renewLocationToken(locationId, token)),
    };
    return credential;
  };
  const companyCredential = async (source: OAuthTokenSource): Promise<LocationCredential> => {
    const token = await source.agencyAccessToken();
    if (!token) throw new OAuthNotConnectedError();
    return {
      token,
      kind: 'agency',
      renew: async () => ({ token: await source.renewAgencyAccessToken(token), kind: 'agency' }),
    };
  };
  return {
    agencyToken: options.agencyToken,
    companyId: options.companyId,
    async tokenForLocation(locationId) {
      const own = await ownToken(locationId);
      if (own) return { token: own, kind: 'location' };
      let oauthToken: string | null = null;
      try {
        oauthToken = options.oauth ? await options.oauth.locationToken(locationId) : null;
      } catch (error) {
        // Not installed there: the agency PIT is next in the order, when there is one.
        if (!(error instanceof OAuthAppNotInstalledError && options.agencyToken)) throw error;
      }
      if (options.oauth && oauthToken)
        return oauthCredential(options.oauth, locationId, oauthToken);
      if (options.agencyToken) return { token: options.agencyToken, kind: 'agency' };
      throw new OAuthNotConnectedError();
    },
    ...(options.oauth && !options.agencyToken
      ? { companyToken: () => companyCredential(options.oauth!) }
      : {}),
    forget(locationId) {
      if (locationId === undefined) cache.clear();
      else cache.delete(locationId);
    },
  };
}
