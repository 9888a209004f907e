import type { TokenKind } from '@/lib/ghl/types';
import type { AccessStatus, SyncEntity } from './types';

/**
 * What a person should do about an access problem, in plain words with the command to run. Plain
 * data, no database or GHL calls: the sync records it and the health report (lib/metrics) shows it.
 */

/** The scope a sub-account Private Integration needs for each entity. */
export const ENTITY_SCOPES: Record<SyncEntity, string> = {
  contacts: 'contacts.readonly',
  opportunities: 'opportunities.readonly',
  pipelines: 'opportunities.readonly',
  transactions: 'payments/transactions.readonly',
  orders: 'payments/orders.readonly',
  subscriptions: 'payments/subscriptions.readonly',
};

/** Every scope the sync needs from a sub-account token, deduplicated, in a stable order. */
export const ALL_LOCATION_SCOPES = [...new Set(Object.values(ENTITY_SCOPES))];

/** The fix for a status, in plain words, with the command to run. */
export function accessFix(
  status: Exclude<AccessStatus, 'ok'> | 'unavailable',
  locationId: string,
  entity: SyncEntity,
  tokenKind: TokenKind | null,
): string {
  const scopes = ALL_LOCATION_SCOPES.join(', ');
  const setToken = `npm run cli -- location-token set ${locationId}`;
  switch (status) {
    case 'location_inactive':
      return 'GoHighLevel says this sub-account is not active (suspended, unpaid or being deleted), so no token can be made for it. Reactivate it in Agency → Sub-Accounts (or leave it: its cached data is kept); the next sync tries again.';
    case 'app_not_installed':
      return `The GHL Marketplace app is not installed on this sub-account (GET /oauth/installedLocations does not list it), so no location token can be made for it. Install the app there (Agency → Marketplace → the app → Manage installations, or bulk install to every sub-account); the next sync reads it. Or store a sub-account Private Integration instead: ${setToken}`;
    case 'scope_missing':
      if (tokenKind === 'oauth') return oauthFix(setToken);
      return tokenKind === 'location'
        ? `Edit this sub-account's Private Integration and add the scope ${ENTITY_SCOPES[entity]} (needed: ${scopes}), then re-run: ${setToken}`
        : `Create a Private Integration in this sub-account with scopes ${scopes} and run: ${setToken}`;
    case 'forbidden':
      if (tokenKind === 'oauth') return oauthFix(setToken);
      return tokenKind === 'location'
        ? `The stored token belongs to another sub-account. Create a Private Integration in sub-account ${locationId} (scopes ${scopes}) and run: ${setToken}`
        : `The agency token may not read this sub-account. Create a Private Integration in it with scopes ${scopes} and run: ${setToken}`;
    case 'token_revoked':
      if (tokenKind === 'oauth')
        return 'GoHighLevel rejected the location token minted from the Marketplace connection twice in a row. If it persists, reconnect under Settings → Connect GoHighLevel.';
      return `This sub-account's Private Integration Token was revoked or rotated. Create a new one (scopes ${scopes}) and run: ${setToken}`;
    case 'budget_exhausted':
      return 'The daily API budget (200,000 requests) of this sub-account is used up; the sync continues after it resets (midnight UTC).';
    case 'unavailable':
      return 'GHL did not answer (server errors or rate limits persisted); the next sync retries automatically.';
    case 'error':
      return 'GHL returned data the sync cannot store; cached data is kept. The next sync retries; if it persists, report the record id and field above.';
  }
}

/** The Marketplace app cannot read a location: install it there (or give it the scope). */
function oauthFix(setToken: string): string {
  return (
    'The GHL Marketplace app cannot read this sub-account: install the app on it (Agency → ' +
    'Marketplace app → Manage installations) with every scope it asks for, or store a ' +
    `sub-account Private Integration instead: ${setToken}`
  );
}
