import type { OAuthConnectionStatus } from './get-connection-status';

/** The connection in one line for `npm run cli -- status` (plain data, no database). */
export function connectionStatusLine(status: OAuthConnectionStatus): string {
  if (status.state === 'not_connected')
    return 'GoHighLevel connection: not connected (location PITs, else the agency PIT)';
  if (status.state === 'connected')
    return `GoHighLevel connection: connected (agency ${status.companyId}, since ${status.connectedAt}${status.refreshedAt ? `, refreshed ${status.refreshedAt}` : ''})`;
  return `GoHighLevel connection: NEEDS RECONNECT — ${status.message ?? 'GHL refused a refresh.'} Syncs that need it stop; cached data is kept.`;
}
