import 'server-only';
import type { TokenKind } from './types';

/**
 * A token to use for one location and its kind (the agency's, the location's own PIT, or an OAuth
 * location token). `renew` replaces a token GHL rejected as invalid (OAuth tokens expire).
 */
export type LocationCredential = {
  token: string;
  kind: TokenKind;
  renew?: () => Promise<LocationCredential>;
};

/**
 * Where the client gets its tokens. The agency token (with `companyId`) is used for
 * `/locations/*`; `tokenForLocation` picks the token for contacts, opportunities, pipelines and
 * payments of one location (e.g. a stored sub-account PIT, falling back to the agency token).
 */
export type CredentialResolver = {
  /** The agency PIT; null when the install connects through the Marketplace app only. */
  readonly agencyToken: string | null;
  readonly companyId: string;
  tokenForLocation(locationId: string): Promise<LocationCredential>;
  /**
   * The token for company-level calls (`/locations/*`) when it is not a fixed agency PIT: the
   * Marketplace connection's agency (Company) access token, with `renew` after a 401. Absent:
   * `agencyToken` is used.
   */
  companyToken?(): Promise<LocationCredential>;
};

/**
 * A resolver that uses the agency token for everything. Real GHL refuses agency PITs on
 * contacts/opportunities/payments (scope errors), so this suits discovery and the simulator's
 * seed mode; per-location PITs come from a resolver built by the sync work.
 */
export function agencyOnlyResolver(agencyToken: string, companyId: string): CredentialResolver {
  return {
    agencyToken,
    companyId,
    tokenForLocation: async () => ({ token: agencyToken, kind: 'agency' }),
  };
}
