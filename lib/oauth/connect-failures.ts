import { z } from 'zod';

/**
 * Why "Connect GoHighLevel" did not complete, one code per step, and what the settings page says
 * about each. Plain data (the page and the callback route share it); the callback redirects with
 * the code only, never with upstream text.
 */
export const CONNECT_FAILURES = [
  'not_configured',
  'no_encryption_key',
  'denied',
  'state_mismatch',
  'state_expired',
  'missing_code',
  'exchange_refused',
  'exchange_unavailable',
  'not_agency',
  'wrong_company',
] as const;
export const connectFailureSchema = z.enum(CONNECT_FAILURES);
export type ConnectFailure = z.infer<typeof connectFailureSchema>;

export const CONNECT_FAILURE_MESSAGES: Record<ConnectFailure, string> = {
  not_configured:
    'The GHL Marketplace app is not configured: set GHL_OAUTH_CLIENT_ID, GHL_OAUTH_CLIENT_SECRET, GHL_OAUTH_REDIRECT_URL and GHL_COMPANY_ID, then restart the app.',
  no_encryption_key:
    'APP_ENCRYPTION_KEY is not set, so the tokens could not be stored encrypted. Set it (openssl rand -base64 32), restart the app and connect again.',
  denied:
    'GoHighLevel did not grant access (the install was cancelled or refused). Connect again and approve the app for the agency.',
  state_mismatch:
    'The answer from GoHighLevel did not match a connection started in this browser (a stale or forged link). Nothing was stored; press Connect again.',
  state_expired:
    'The connection took longer than 10 minutes to come back from GoHighLevel. Nothing was stored; press Connect again.',
  missing_code:
    'GoHighLevel came back without an authorization code. Nothing was stored; press Connect again.',
  exchange_refused:
    'GoHighLevel refused to exchange the authorization code for tokens (a used or expired code, or a wrong client id, secret or redirect URL). Check GHL_OAUTH_* against the app in the Marketplace, then connect again.',
  exchange_unavailable:
    'GoHighLevel did not answer the token exchange usably (a server or network error). Nothing was stored; try again in a few minutes.',
  not_agency:
    'The app was installed into a single sub-account. Install it at agency level (choose the agency and its sub-accounts), then connect again.',
  wrong_company:
    'The app was approved for a different agency than GHL_COMPANY_ID. Sign in to the right agency in GoHighLevel and connect again.',
};
