import 'server-only';
import type { Db } from '@/lib/db/client';
import type { CredentialResolver, LocationCredential } from '@/lib/ghl/credentials';
import { readLocationToken } from './location-tokens';

export type StoredCredentialOptions = {
  agencyToken: string;
  companyId: string;
  /** APP_ENCRYPTION_KEY; without it stored tokens cannot be used (the agency token is used). */
  key: Buffer | null;
};

/**
 * A CredentialResolver that uses a location's own stored PIT when there is one, else the agency
 * token. Decrypts each location's token once per resolver (the client asks on every page);
 * `forget(id)` drops the cached answer after `location-token set/remove`.
 */
export function createStoredCredentialResolver(
  db: Db,
  options: StoredCredentialOptions,
): CredentialResolver & { forget(locationId?: string): void } {
  const cache = new Map<string, Promise<LocationCredential>>();
  const resolve = async (locationId: string): Promise<LocationCredential> => {
    const token = options.key ? await readLocationToken(db, locationId, options.key) : null;
    return token ? { token, kind: 'location' } : { token: options.agencyToken, kind: 'agency' };
  };
  return {
    agencyToken: options.agencyToken,
    companyId: options.companyId,
    tokenForLocation(locationId) {
      let pending = cache.get(locationId);
      if (!pending) {
        pending = resolve(locationId);
        cache.set(locationId, pending);
        pending.catch(() => cache.delete(locationId));
      }
      return pending;
    },
    forget(locationId) {
      if (locationId === undefined) cache.clear();
      else cache.delete(locationId);
    },
  };
}
